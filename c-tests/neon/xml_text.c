/* ne_xml character data in libxml2's pieces: text mixing ASCII, UTF-8
 * past ASCII, CR LF, lone CR, LF runs, tabs, "]", references, CDATA
 * sections (handed on as they are, CR LF kept, empty ones too), long
 * runs past libxml2's 300-byte buffer, and bad characters (a control
 * character, U+FFFE, a byte that is not UTF-8) after each kind of text,
 * which decide what is handed on before the error. Documents are made from
 * a fixed pseudo-random sequence and parsed in one block; each line shows
 * the pieces (line, length, first bytes), the results and the error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_xml.h>

static ne_xml_parser *P;
static unsigned long seed = 12345;

static unsigned next(unsigned n)
{
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)(seed >> 33) % n;
}

static int st(void *ud, int parent, const char *ns, const char *name, const char **atts)
{
    (void)ud; (void)parent; (void)ns; (void)name; (void)atts;
    return 1;
}

static int cd(void *ud, int state, const char *c, size_t len)
{
    size_t i;

    (void)ud; (void)state;
    printf(" %d:%d:", ne_xml_currentline(P), (int)len);
    for (i = 0; i < len && i < 8; i++) printf("%02x", (unsigned char)c[i]);
    return 0;
}

static void parse(const char *label, const char *doc)
{
    int r1, r2;

    P = ne_xml_create();
    ne_xml_push_handler(P, st, cd, NULL, NULL);
    printf("%s:", label);
    r1 = ne_xml_parse(P, doc, strlen(doc));
    r2 = ne_xml_parse(P, "", 0);
    printf(" -> %d %d %s\n", r1, r2, ne_xml_get_error(P));
    ne_xml_destroy(P);
}

int main(void)
{
    static const char *const atoms[] = {
        "a", "b c", "\n", "\r\n", "\r", "\xc3\xa9", "\xe2\x82\xac", "&amp;", "<x/>", "]", "\t",
        "\xff", "\x01", "\xef\xbf\xbe", "<![CDATA[q\xc3\xa9\r\nz]]>", "<![CDATA[]]>", "&#233;",
    };
    static const char *const fixed[] = {
        "<a>t\r\nu\rv\r</a>", "<a>a\r\n\n\nb</a>", "<a>a\r\n\xc3\xa9</a>", "<a>\xc3\xa9\r\nx</a>",
        "<a>a\rx\r\ny</a>", "<a>\xc3\xa9\r\n\r\nx</a>", "<a>x\r\n</a>", "<a>a\n\n\r\n\nb</a>",
        "<a>caf\xc3\xa9</a>", "<a>a\r\n\xff</a>", "<a>a\r\n\x01</a>", "<a>\xc3\xa9\x01</a>",
        "<a>\xc3\xa9\xff</a>", "<a>x\xef\xbf\xbe</a>", NULL,
    };
    const int n = sizeof atoms / sizeof *atoms;
    static char doc[40000];
    char label[32];
    int t, i, j;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (t = 0; fixed[t]; t++) {
        snprintf(label, sizeof label, "fixed %d", t);
        parse(label, fixed[t]);
    }
    for (t = 0; t < 1500; t++) {
        int k = (int)next(40), big = next(4) == 0;

        strcpy(doc, "<r>");
        for (i = 0; i < k; i++) {
            int a = (int)next(n);
            /* bad characters rarely, so that most documents parse to the end */
            if ((a == 11 || a == 12 || a == 13) && next(5)) a = 0;
            if (big && next(3) == 0)
                for (j = 0; j < 97; j++) strcat(doc, (j % 3) ? "x" : "\xc3\xa9");
            strcat(doc, atoms[a]);
        }
        strcat(doc, "</r>");
        snprintf(label, sizeof label, "%d", t);
        parse(label, doc);
    }
    return 0;
}
