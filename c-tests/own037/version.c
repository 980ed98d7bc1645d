/* neon-rs only (c-tests/own037): what a program built against neon 0.37
 * sees of the version functions (README.md, "One library for neon 0.32.5
 * and 0.37 programs"): ne_version_match answers as for 0.32.5 programs
 * (0 for minor versions 27 to 37, the major version ignored, where neon
 * 0.37 also requires major 0); ne_version_library gives "0.37.1", the API
 * level provided; ne_version_string stays neon 0.32.5's, which programs
 * built against 0.32.5 may parse. */
#include <stdio.h>
#include <string.h>

#include <ne_utils.h>

int main(void)
{
    printf("version_match(0, 37) = %d\n", ne_version_match(0, 37));
    printf("version_match(0, 38) = %d\n", ne_version_match(0, 38));
    printf("version_match(1, 30) = %d (neon 0.37: 1)\n", ne_version_match(1, 30));
    printf("version_match(-1, 32) = %d (neon 0.37: 1)\n", ne_version_match(-1, 32));
    printf("version_library: %s\n", ne_version_library());
    printf("version string starts with 'neon 0.32.5: ': %d\n",
           strncmp(ne_version_string(), "neon 0.32.5: ", 13) == 0);
    return 0;
}
