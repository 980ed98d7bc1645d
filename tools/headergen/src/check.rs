//! The ABI-check form of a generated header.
//!
//! c-tests/abi compiles the reference headers (Debian's neon / OpenSSL) and the
//! check form of ours in one translation unit. The check form keeps our
//! prototypes and extern declarations verbatim, so the compiler rejects any
//! that are incompatible with the reference ones, and turns every type and
//! constant into assertions against the reference:
//!
//! * `#define NAME value` → `_Static_assert((NAME) == (value))`; string
//!   constants are compared at run time by `neonrs_check_strings()`.
//! * `typedef T NAME;` and function-pointer typedefs → renamed to
//!   `NEONRS_CHECK_NAME` and asserted compatible with the reference `NAME`.
//! * struct/union definitions → renamed, then size, alignment and every
//!   field's offset and type asserted equal to the reference's.
//! * enum definitions → each enumerator asserted equal to the reference's value.
//!
//! Types listed in [`crate::manifest::LOCAL_TYPES`] have no reference counterpart
//! (named stand-ins for anonymous C members); they are checked through their
//! containing type, field by field.

use crate::manifest::{KEPT_AT_032, LOCAL_TYPES};

const PREFIX: &str = "NEONRS_CHECK_";

struct Aggregate {
    kind: &'static str, // "struct" or "union"
    name: String,
    body: Vec<String>, // field lines
}

pub fn transform(header: &str, body: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut strings = Vec::new();
    let mut aggregates: Vec<Aggregate> = Vec::new();
    let mut guarded = false;
    let lines: Vec<&str> = body.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let t = line.trim();
        i += 1;
        if t.is_empty() {
            continue;
        }
        if t.starts_with("#if ") || t == "#endif" {
            // Guards of later neon versions' items (since.rs): the check
            // form keeps them, so that it checks what the including
            // program's NEONRS_NEON_API declares.
            guarded = t.starts_with("#if ");
            out.push_str(t);
            out.push('\n');
            continue;
        }
        if t.starts_with("/*") {
            // skip a comment block
            if !t.ends_with("*/") || t == "/*" {
                while i < lines.len() && !lines[i].trim().ends_with("*/") {
                    i += 1;
                }
                i += 1;
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("#define ") {
            let (name, value) = rest
                .split_once(' ')
                .ok_or(format!("{header}: bad define {t}"))?;
            if value.starts_with('"') {
                strings.push((name.to_string(), value.to_string()));
            } else if let Some((_, why)) = KEPT_AT_032.iter().find(|(n, _)| *n == name) {
                out.push_str(&format!(
                    "{}\n/* {name} keeps neon 0.32.5's value: {why}. */\n#else\n\
                     _Static_assert(({name}) == ({value}), \"{header}: {name} = {value}\");\n#endif\n",
                    crate::since::open(33)
                ));
            } else {
                out.push_str(&format!(
                    "_Static_assert(({name}) == ({value}), \"{header}: {name} = {value}\");\n"
                ));
            }
            continue;
        }
        if t == "typedef struct {" || t == "typedef union {" || t == "typedef enum {" {
            if guarded {
                // Aggregates are checked after everything else, outside
                // any guard.
                return Err(format!("{header}: a struct, union or enum inside a guard"));
            }
            let kind = if t.contains("struct") {
                "struct"
            } else if t.contains("union") {
                "union"
            } else {
                "enum"
            };
            let mut fields = Vec::new();
            let name;
            loop {
                let l = lines
                    .get(i)
                    .ok_or(format!("{header}: unterminated {kind}"))?
                    .trim();
                i += 1;
                if let Some(n) = l.strip_prefix("} ") {
                    name = n.trim_end_matches(';').to_string();
                    break;
                }
                if l.is_empty() || l.starts_with("/*") || l.starts_with('*') {
                    continue;
                }
                fields.push(l.to_string());
            }
            if kind == "enum" {
                emit_enum(&mut out, header, &name, &fields)?;
            } else {
                aggregates.push(Aggregate {
                    kind,
                    name,
                    body: fields,
                });
            }
            continue;
        }
        if t.starts_with("typedef ") {
            emit_typedef(&mut out, header, t)?;
            continue;
        }
        if t.starts_with("extern ") || t.ends_with(");") {
            out.push_str(t);
            out.push('\n');
            continue;
        }
        if t.starts_with("struct ") && t.ends_with(';') {
            out.push_str(t);
            out.push('\n');
            continue;
        }
        // A prototype wrapped over several lines.
        if t.contains('(') && !t.ends_with(';') {
            let mut proto = t.to_string();
            while i < lines.len() && !proto.ends_with(';') {
                proto.push(' ');
                proto.push_str(lines[i].trim());
                i += 1;
            }
            out.push_str(&proto);
            out.push('\n');
            continue;
        }
        return Err(format!("{header}: cannot check line: {t}"));
    }
    // Local stand-in types first (prefixed, asserted through their containers).
    for agg in aggregates
        .iter()
        .filter(|a| LOCAL_TYPES.contains(&a.name.as_str()))
    {
        emit_definition(&mut out, agg);
    }
    for agg in aggregates
        .iter()
        .filter(|a| !LOCAL_TYPES.contains(&a.name.as_str()))
    {
        emit_aggregate(&mut out, header, agg, &aggregates)?;
    }
    out.push_str(&format!(
        "static inline int neonrs_check_strings_{}(void) {{\n    int bad = 0;\n",
        ident(header)
    ));
    for (name, value) in &strings {
        out.push_str(&format!(
            "    if (strcmp({name}, {value}) != 0) {{ printf(\"{header}: {name} differs\\n\"); bad++; }}\n"
        ));
    }
    out.push_str("    return bad;\n}\n");
    Ok(out)
}

/// Assertions for the enumerators of the tagged enums in a header's C
/// extras (`enum tag { A = 0, B, ... };`, which cbindgen cannot write),
/// inside the same preprocessor guards as the enums.
pub fn extras_enums(header: &str, extras: &str) -> Result<String, String> {
    let mut out = String::new();
    if !extras.lines().any(|l| l.trim().starts_with("enum ")) {
        return Ok(out);
    }
    let mut lines = extras.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line.starts_with("#if") || line.starts_with("#endif") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let Some(tag) = line
            .strip_prefix("enum ")
            .and_then(|l| l.strip_suffix(" {"))
        else {
            continue;
        };
        let mut next: i64 = 0;
        for l in lines.by_ref() {
            if l.starts_with('}') {
                break;
            }
            let l = l.trim_end_matches(',');
            if l.is_empty() || l.starts_with("/*") || l.starts_with('*') {
                continue;
            }
            let (name, value) = match l.split_once(" = ") {
                Some((n, v)) => (
                    n.trim(),
                    v.trim()
                        .parse::<i64>()
                        .map_err(|_| format!("{header}: enum {tag}: value of {n}"))?,
                ),
                None => (l, next),
            };
            out.push_str(&format!(
                "_Static_assert(({name}) == ({value}), \"{header}: enum {tag}.{name}\");\n"
            ));
            next = value + 1;
        }
    }
    Ok(out)
}

pub fn ident(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn emit_enum(
    out: &mut String,
    header: &str,
    name: &str,
    variants: &[String],
) -> Result<(), String> {
    for v in variants {
        let v = v.trim_end_matches(',');
        let (n, val) = v
            .split_once(" = ")
            .ok_or(format!("{header}: enum {name} variant without value: {v}"))?;
        out.push_str(&format!(
            "_Static_assert(({n}) == ({val}), \"{header}: {name}.{n}\");\n"
        ));
    }
    Ok(())
}

/// `typedef T NAME;` or `typedef R (*NAME)(A);`
fn emit_typedef(out: &mut String, header: &str, t: &str) -> Result<(), String> {
    let decl = t.trim_end_matches(';');
    if let Some(start) = decl.find("(*") {
        let end = decl[start..]
            .find(')')
            .ok_or(format!("{header}: bad typedef {t}"))?
            + start;
        let name = &decl[start + 2..end];
        let renamed = format!("{}(*{PREFIX}{name}){};", &decl[..start], &decl[end + 1..]);
        out.push_str(&renamed);
        out.push('\n');
        out.push_str(&compat(
            &format!("{PREFIX}{name}"),
            name,
            &format!("{header}: {name}"),
        ));
        return Ok(());
    }
    let name = decl
        .rsplit(' ')
        .next()
        .ok_or(format!("{header}: bad typedef {t}"))?;
    let target = decl["typedef ".len()..decl.len() - name.len()].trim();
    if let Some(tag) = target.strip_prefix("struct ") {
        // opaque handle: `typedef struct tag NAME;` must name the reference's tag
        if tag == name && LOCAL_TYPES.contains(&name) {
            return Ok(());
        }
        out.push_str(t);
        out.push('\n');
        return Ok(());
    }
    out.push_str(&format!("typedef {target} {PREFIX}{name};\n"));
    out.push_str(&compat(
        &format!("{PREFIX}{name}"),
        name,
        &format!("{header}: {name}"),
    ));
    Ok(())
}

fn compat(a: &str, b: &str, what: &str) -> String {
    format!("_Static_assert(__builtin_types_compatible_p({a}, {b}), \"{what}: type\");\n")
}

/// The declared name of a field line such as `char *host;`, `int x[3];`,
/// `void (*fn)(void);`.
fn field_name(line: &str) -> Option<String> {
    let l = line.trim_end_matches(';');
    if let Some(start) = l.find("(*") {
        let end = l[start..].find(')')? + start;
        return Some(l[start + 2..end].to_string());
    }
    let l = match l.find('[') {
        Some(n) => &l[..n],
        None => l,
    };
    let name = l.rsplit([' ', '*']).next()?;
    (!name.is_empty()).then(|| name.to_string())
}

/// The declared type of a simple field line (`T name;`), if it names a local type.
fn field_local_type(line: &str) -> Option<&'static str> {
    let first = line.split_whitespace().next()?;
    LOCAL_TYPES
        .iter()
        .copied()
        .find(|t| *t == first && !line.contains('*'))
}

/// Our definition of an aggregate under the check prefix.
fn emit_definition(out: &mut String, agg: &Aggregate) {
    out.push_str(&format!("typedef {} {{\n", agg.kind));
    for f in &agg.body {
        out.push_str("    ");
        out.push_str(&local_to_check(f));
        out.push('\n');
    }
    out.push_str(&format!("}} {PREFIX}{};\n", agg.name));
}

fn emit_aggregate(
    out: &mut String,
    header: &str,
    agg: &Aggregate,
    all: &[Aggregate],
) -> Result<(), String> {
    let ours = format!("{PREFIX}{}", agg.name);
    emit_definition(out, agg);
    let what = format!("{header}: {}", agg.name);
    out.push_str(&format!(
        "_Static_assert(sizeof({ours}) == sizeof({}), \"{what}: size\");\n",
        agg.name
    ));
    out.push_str(&format!(
        "_Static_assert(_Alignof({ours}) == _Alignof({}), \"{what}: alignment\");\n",
        agg.name
    ));
    emit_fields(out, &what, &ours, &agg.name, "", &agg.body, all)
}

fn local_to_check(field: &str) -> String {
    match field_local_type(field) {
        Some(t) => field.replacen(t, &format!("{PREFIX}{t}"), 1),
        None => field.to_string(),
    }
}

fn emit_fields(
    out: &mut String,
    what: &str,
    ours: &str,
    theirs: &str,
    path: &str,
    fields: &[String],
    all: &[Aggregate],
) -> Result<(), String> {
    for f in fields {
        let name = field_name(f).ok_or(format!("{what}: cannot parse field {f}"))?;
        let member = format!("{path}{name}");
        out.push_str(&format!(
            "_Static_assert(offsetof({ours}, {member}) == offsetof({theirs}, {member}), \"{what}.{member}: offset\");\n"
        ));
        out.push_str(&format!(
            "_Static_assert(sizeof((({ours} *)0)->{member}) == sizeof((({theirs} *)0)->{member}), \"{what}.{member}: size\");\n"
        ));
        if let Some(local) = field_local_type(f) {
            let inner = all.iter().find(|a| a.name == local).ok_or(format!(
                "{what}: local type {local} not defined in this header"
            ))?;
            emit_fields(
                out,
                what,
                ours,
                theirs,
                &format!("{member}."),
                &inner.body,
                all,
            )?;
        } else {
            out.push_str(&format!(
                "_Static_assert(__builtin_types_compatible_p(__typeof__((({ours} *)0)->{member}), __typeof__((({theirs} *)0)->{member})), \"{what}.{member}: type\");\n"
            ));
        }
    }
    Ok(())
}
