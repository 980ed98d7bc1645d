// Builds the C shim for neon's variadic functions (see src/shim/variadic.c).
fn main() {
    println!("cargo:rerun-if-changed=src/shim/variadic.c");
    cc::Build::new()
        .file("src/shim/variadic.c")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .flag("-fvisibility=default")
        .compile("neonrs_shim");
}
