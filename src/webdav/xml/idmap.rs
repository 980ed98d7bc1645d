//! neon's ne_xml_mapid: {namespace, name} to an integer.

/// The id of the first entry matching `nspace` and `name`, or 0.
pub fn map_id(map: &[(&str, &str, i32)], nspace: &str, name: &str) -> i32 {
    map.iter()
        .find(|(ns, n, _)| *n == name && *ns == nspace)
        .map_or(0, |&(_, _, id)| id)
}
