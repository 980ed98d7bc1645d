//! `ossl_a2i_ipadd`: IPv4 and IPv6 addresses in text, with OpenSSL's
//! leniencies. IPv4 is read as glibc's `sscanf("%d.%d.%d.%d")` reads it:
//! white space before each number, a sign, any number of digits (the value
//! taken modulo 2^32 as C's conversion of `long` to `int` does, after
//! `strtol` clamps it), and anything after white space following the last
//! number.

/// C's `isspace` in the C locale, also OpenSSL's `ossl_isspace`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// 4 bytes for an IPv4 address, 16 for IPv6; `None` if `text` (up to a
/// NUL, as C sees it) is neither.
pub fn parse(text: &[u8]) -> Option<Vec<u8>> {
    let text = &text[..text.iter().position(|&b| b == 0).unwrap_or(text.len())];
    if text.contains(&b':') {
        ipv6(text).map(|a| a.to_vec())
    } else {
        ipv4(text).map(|a| a.to_vec())
    }
}

/// One `%d`: the value and the bytes it used.
fn scan_int(text: &[u8]) -> Option<(i32, usize)> {
    let mut pos = text.iter().take_while(|&&c| is_space(c)).count();
    let negative = text.get(pos) == Some(&b'-');
    if matches!(text.get(pos), Some(b'-' | b'+')) {
        pos += 1;
    }
    let digits = text[pos..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    // strtol: the magnitude, clamped to the range of a 64-bit long.
    let limit: u64 = if negative { 1 << 63 } else { i64::MAX as u64 };
    let magnitude = text[pos..pos + digits].iter().fold(0u64, |acc, &c| {
        acc.saturating_mul(10)
            .saturating_add(u64::from(c - b'0'))
            .min(limit)
    });
    let long = if negative {
        (magnitude as i64).wrapping_neg()
    } else {
        magnitude as i64
    };
    // The conversion to int keeps the low 32 bits.
    Some((long as i32, pos + digits))
}

fn ipv4(text: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut pos = 0;
    for (i, byte) in out.iter_mut().enumerate() {
        if i > 0 {
            if text.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
        let (value, used) = scan_int(&text[pos..])?;
        *byte = u8::try_from(value).ok()?;
        pos += used;
    }
    match text.get(pos) {
        None => Some(out),
        Some(&c) if is_space(c) => Some(out),
        Some(_) => None,
    }
}

fn ipv6(text: &[u8]) -> Option<[u8; 16]> {
    let mut tmp = [0u8; 16];
    let mut total = 0;
    let mut zero_pos = None;
    let mut zero_cnt = 0;
    let parts: Vec<&[u8]> = text.split(|&c| c == b':').collect();
    for (i, part) in parts.iter().enumerate() {
        if total == 16 {
            return None;
        }
        if part.is_empty() {
            // Part of a "::".
            match zero_pos {
                None => zero_pos = Some(total),
                Some(z) if z != total => return None,
                Some(_) => {}
            }
            zero_cnt += 1;
        } else if part.len() > 4 {
            // A dotted quad, last only.
            if total > 12 || i != parts.len() - 1 {
                return None;
            }
            tmp[total..total + 4].copy_from_slice(&ipv4(part)?);
            total += 4;
        } else {
            let mut value = 0u16;
            for &c in part.iter() {
                value = value << 4 | u16::from(hex(c)?);
            }
            tmp[total..total + 2].copy_from_slice(&value.to_be_bytes());
            total += 2;
        }
    }
    let mut out = [0u8; 16];
    match zero_pos {
        None if total != 16 => return None,
        None => out = tmp,
        Some(z) => {
            let valid = match zero_cnt {
                // "::" alone.
                3 => total == 0,
                // "::" at the start or the end.
                2 => z == 0 || z == total,
                // "::" inside.
                1 => z != 0 && z != total,
                _ => false,
            };
            if total == 16 || !valid {
                return None;
            }
            out[..z].copy_from_slice(&tmp[..z]);
            out[16 - (total - z)..].copy_from_slice(&tmp[z..total]);
        }
    }
    Some(out)
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<Vec<u8>> {
        parse(text.as_bytes())
    }

    #[test]
    fn ipv4_forms() {
        assert_eq!(p("127.0.0.1").unwrap(), [127, 0, 0, 1]);
        assert_eq!(p("255.255.255.255").unwrap(), [255; 4]);
        assert_eq!(p("010.1.1.1").unwrap(), [10, 1, 1, 1]);
        // sscanf's leniencies.
        assert_eq!(p(" 1. 2.+3.-0").unwrap(), [1, 2, 3, 0]);
        assert_eq!(p("1.2.3.4 and more").unwrap(), [1, 2, 3, 4]);
        assert_eq!(p("1.2.3.4\n").unwrap(), [1, 2, 3, 4]);
        assert_eq!(p("1.2.3.4\0junk").unwrap(), [1, 2, 3, 4]);
        // int overflow wraps; strtol clamps first.
        assert_eq!(p("4294967297.0.0.1").unwrap(), [1, 0, 0, 1]);
        assert_eq!(p("-4294967295.0.0.1").unwrap(), [1, 0, 0, 1]);
        assert_eq!(p("-99999999999999999999.0.0.1").unwrap(), [0, 0, 0, 1]);
        assert_eq!(p("99999999999999999999.0.0.1"), None);
        for bad in [
            "",
            "1.2.3",
            "1.2.3.256",
            "1.2.3.-1",
            "1.2.3.4.",
            "1.2.3.4x",
            "1..2.3",
            "1 .2.3.4",
            "a.b.c.d",
            "1.2.3.+",
            "0x1.2.3.4",
            "1.2.3.4/8",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ipv6_forms() {
        let mut loopback = [0u8; 16];
        loopback[15] = 1;
        assert_eq!(p("::1").unwrap(), loopback);
        assert_eq!(p("::").unwrap(), [0; 16]);
        assert_eq!(p("0:0:0:0:0:0:0:1").unwrap(), loopback);
        let mut v = [0u8; 16];
        v[..2].copy_from_slice(&[0x20, 0x01]);
        v[2..4].copy_from_slice(&[0x0d, 0xb8]);
        assert_eq!(p("2001:DB8::").unwrap(), v);
        v[15] = 0x0a;
        assert_eq!(p("2001:db8::a").unwrap(), v);
        let mut mapped = [0u8; 16];
        mapped[10..].copy_from_slice(&[0xff, 0xff, 192, 0, 2, 1]);
        assert_eq!(p("::ffff:192.0.2.1").unwrap(), mapped);
        assert_eq!(p("::ffff: 192.0.2.1 x").unwrap(), mapped);
        assert_eq!(p("1:2:3:4:5:6:1.2.3.4").unwrap().len(), 16);
        for bad in [
            ":::",
            "1::2::3",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::",
            "::1:2:3:4:5:6:7:8",
            ":1::2",
            "1::2:",
            "12345::",
            "::g",
            "::1.2.3.4:5",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3",
            "1:2:3:4:5:6:7:8:",
            ":1:2:3:4:5:6:7:8",
            "::1 ",
            "1.2.3.4::",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    /// Addresses written in each usual form read back as themselves.
    #[test]
    fn written_forms_round_trip() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let v4 = next().to_be_bytes();
            let v4 = [v4[0], v4[1], v4[2], v4[3]];
            let text = format!("{}.{}.{}.{}", v4[0], v4[1], v4[2], v4[3]);
            assert_eq!(p(&text).unwrap(), v4, "{text}");
            // Groups often zero, so that "::" has runs to stand for.
            let groups: Vec<u16> = (0..8)
                .map(|_| match next() % 3 {
                    0 => 0,
                    _ => next() as u16,
                })
                .collect();
            let bytes: Vec<u8> = groups.iter().flat_map(|g| g.to_be_bytes()).collect();
            let hex: Vec<String> = groups.iter().map(|g| format!("{g:x}")).collect();
            let full = hex.join(":");
            let mut forms = vec![full.to_uppercase(), full.clone()];
            forms.push(
                groups
                    .iter()
                    .map(|g| format!("{g:04x}"))
                    .collect::<Vec<_>>()
                    .join(":"),
            );
            // The first run of zero groups as "::".
            if let Some(start) = groups.iter().position(|&g| g == 0) {
                let end = start + groups[start..].iter().take_while(|&&g| g == 0).count();
                forms.push(format!(
                    "{}::{}",
                    hex[..start].join(":"),
                    hex[end..].join(":")
                ));
            }
            // The last 32 bits as a dotted quad.
            let tail = &bytes[12..];
            forms.push(format!(
                "{}:{}.{}.{}.{}",
                hex[..6].join(":"),
                tail[0],
                tail[1],
                tail[2],
                tail[3]
            ));
            for text in forms {
                assert_eq!(p(&text).unwrap(), bytes, "{text}");
            }
        }
    }

    #[test]
    fn lone_colon() {
        // A lone ':' reads as two empty parts, like "::".
        assert_eq!(p(":").unwrap(), [0; 16]);
        // "::" may stand for no group at all, when at an end.
        assert_eq!(p("1:2:3:4:5:6:7::").unwrap().len(), 16);
        assert_eq!(p("::2:3:4:5:6:7:8").unwrap().len(), 16);
    }
}
