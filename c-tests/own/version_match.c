/* neon-rs only (c-tests/own): ne_version_match for a program built against
 * neon 0.32.5. One libneon.so.27 serves programs built against 0.32.5 and
 * against 0.37 (README.md, "One library for neon 0.32.5 and 0.37
 * programs"): it provides the API of every release from 0.27 to 0.37, so
 * it answers 0 (compatible) for minor versions 27 to 37, where neon 0.32.5
 * answers 1 for 33 to 37. The major version is ignored, as neon 0.32.5
 * ignores it (its other answers are compared with neon's by
 * c-tests/neon/utils.c). The version string stays neon 0.32.5's. */
#include <stdio.h>
#include <string.h>

#include <ne_utils.h>

int main(void)
{
    int minor;

    for (minor = 26; minor <= 38; minor++)
        printf("version_match(0, %d) = %d\n", minor, ne_version_match(0, minor));
    printf("version_match(1, 37) = %d\n", ne_version_match(1, 37));
    printf("version string starts with 'neon 0.32.5: ': %d\n",
           strncmp(ne_version_string(), "neon 0.32.5: ", 13) == 0);
    return 0;
}
