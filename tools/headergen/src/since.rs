//! The declarations neon added after 0.32 are guarded, so that a program
//! written for neon 0.32.5 compiles against our headers exactly as against
//! Debian's (no new names that could clash with its own): each is declared
//! only when the program defines `NEONRS_NEON_API` to at least the neon
//! minor version that added it (e.g. `-DNEONRS_NEON_API=37` for all of
//! neon 0.37's API).
//!
//! The version of each function is its node in tools/neon-nodes.txt
//! (NEON_0_33 … NEON_0_37); types and constants are listed in
//! [`crate::manifest::SINCE`].

use std::collections::HashMap;
use std::path::Path;

/// The macro a program defines to get later neon versions' declarations.
pub const MACRO: &str = "NEONRS_NEON_API";

/// The first version whose declarations are guarded.
const FIRST_GUARDED: u32 = 33;

/// Minor version of each name added after neon 0.32.
pub fn versions(root: &Path) -> Result<HashMap<String, u32>, String> {
    let nodes = std::fs::read_to_string(root.join("tools/neon-nodes.txt"))
        .map_err(|e| format!("tools/neon-nodes.txt: {e}"))?;
    let mut map = HashMap::new();
    for line in nodes.lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split_whitespace();
        let Some(minor) = words
            .next()
            .and_then(|n| n.strip_prefix("NEON_0_"))
            .and_then(|m| m.parse::<u32>().ok())
        else {
            continue;
        };
        if minor >= FIRST_GUARDED {
            for name in words {
                map.insert(name.to_string(), minor);
            }
        }
    }
    for (name, minor) in crate::manifest::SINCE {
        map.insert(name.to_string(), *minor);
    }
    Ok(map)
}

/// `#if` line of the guard for `minor`.
pub fn open(minor: u32) -> String {
    format!("#if defined({MACRO}) && {MACRO} >= {minor}")
}

/// The name an item of cbindgen's output declares: a macro, a typedef
/// (plain, function pointer or aggregate) or a function.
fn declared_name(item: &str) -> Option<String> {
    let code: Vec<&str> = item
        .lines()
        .map(str::trim)
        .filter(|l| !(l.starts_with("/*") || l.starts_with('*') || l.is_empty()))
        .collect();
    let first = *code.first()?;
    let ident = |s: &str| -> String {
        s.chars()
            .rev()
            .skip_while(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<String>()
            .chars()
            .rev()
            .collect()
    };
    if let Some(rest) = first.strip_prefix("#define ") {
        return rest.split_whitespace().next().map(str::to_string);
    }
    if first.starts_with("typedef ") && first.ends_with('{') {
        let last = code.last()?;
        return Some(ident(last.trim_start_matches('}').trim_end_matches(';')));
    }
    if let Some(start) = first.find("(*") {
        let end = first[start..].find(')')? + start;
        return Some(first[start + 2..end].to_string());
    }
    if first.starts_with("typedef ") || first.starts_with("extern ") {
        return Some(ident(first.trim_end_matches(';')));
    }
    let paren = first.find('(')?;
    Some(ident(&first[..paren]))
}

/// Moves the items of `body` added after neon 0.32 to its end, each
/// version's in one guarded block, in their original order.
pub fn guard(body: &str, versions: &HashMap<String, u32>) -> Result<String, String> {
    let mut kept = Vec::new();
    let mut later: Vec<(u32, String)> = Vec::new();
    for item in body.split("\n\n").filter(|i| !i.trim().is_empty()) {
        let name = declared_name(item);
        match name.as_ref().and_then(|n| versions.get(n)) {
            Some(&minor) => later.push((minor, item.trim_matches('\n').to_string())),
            None => kept.push(item.trim_matches('\n').to_string()),
        }
    }
    if later.is_empty() {
        return Ok(body.to_string());
    }
    let mut out = kept.join("\n\n");
    out.push('\n');
    let mut minors: Vec<u32> = later.iter().map(|(m, _)| *m).collect();
    minors.sort_unstable();
    minors.dedup();
    for minor in minors {
        out.push_str(&format!(
            "\n/* Added in neon 0.{minor}: declared with {MACRO} >= {minor}. */\n{}\n\n",
            open(minor)
        ));
        let items: Vec<&str> = later
            .iter()
            .filter(|(m, _)| *m == minor)
            .map(|(_, i)| i.as_str())
            .collect();
        out.push_str(&items.join("\n\n"));
        out.push_str("\n\n#endif\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_items() {
        let n = |s: &str| declared_name(s).unwrap();
        assert_eq!(n("#define NE_OK 0"), "NE_OK");
        assert_eq!(n("/**\n * doc\n */\ntypedef unsigned int ne_x;"), "ne_x");
        assert_eq!(n("typedef void (*ne_fn)(void *ud, int x);"), "ne_fn");
        assert_eq!(n("typedef struct {\n    int a;\n} ne_status;"), "ne_status");
        assert_eq!(
            n("const char *ne_get(ne_request *req,\n    int x);"),
            "ne_get"
        );
        assert_eq!(n("extern int ne_debug_mask;"), "ne_debug_mask");
        assert_eq!(n("char *ne_strlower(char *str);"), "ne_strlower");
    }

    #[test]
    fn later_items_move_to_guarded_blocks() {
        let mut v = HashMap::new();
        v.insert("b".to_string(), 34);
        v.insert("c".to_string(), 33);
        let out = guard("void a(void);\n\nvoid b(void);\n\nvoid c(void);\n", &v).unwrap();
        assert_eq!(
            out,
            "void a(void);\n\n\
             /* Added in neon 0.33: declared with NEONRS_NEON_API >= 33. */\n\
             #if defined(NEONRS_NEON_API) && NEONRS_NEON_API >= 33\n\nvoid c(void);\n\n#endif\n\n\
             /* Added in neon 0.34: declared with NEONRS_NEON_API >= 34. */\n\
             #if defined(NEONRS_NEON_API) && NEONRS_NEON_API >= 34\n\nvoid b(void);\n\n#endif\n"
        );
    }
}
