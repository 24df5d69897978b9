//! Bytes of a text file to UTF-8, shared by ingest (articles) and the
//! manifest (`sources.csv`), which a spreadsheet may save as UTF-16: kept
//! apart from both so that neither imports the other.

/// UTF-8 bytes of a text file: UTF-16 (told by its byte-order mark) is
/// decoded, with a note saying so; a file that is mostly not text (NUL
/// bytes, control characters, invalid UTF-8) is refused with the reason.
pub fn to_utf8(raw: Vec<u8>) -> Result<(Vec<u8>, Option<&'static str>), &'static str> {
    let utf16 = |bytes: &[u8], be: bool| -> Vec<u8> {
        let units = bytes.chunks_exact(2).map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect::<String>()
            .into_bytes()
    };
    if let Some(rest) = raw.strip_prefix(b"\xFF\xFE") {
        return Ok((
            utf16(rest, false),
            Some("decoded from UTF-16LE; byte offsets refer to its UTF-8 form"),
        ));
    }
    if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        return Ok((
            utf16(rest, true),
            Some("decoded from UTF-16BE; byte offsets refer to its UTF-8 form"),
        ));
    }
    if is_binary(&raw) {
        return Err("mostly binary, not text: refused");
    }
    Ok((raw, None))
}

/// A NUL byte, or more than a tenth of control characters or invalid UTF-8
/// in the first 64 KB: no article looks like that.
fn is_binary(raw: &[u8]) -> bool {
    let sample = &raw[..raw.len().min(1 << 16)];
    if sample.contains(&0) {
        return true;
    }
    let mut bad = 0;
    for chunk in sample.utf8_chunks() {
        bad += chunk.invalid().len();
        bad += chunk
            .valid()
            .bytes()
            .filter(|b| b.is_ascii_control() && !b"\t\n\r\x0c".contains(b))
            .count();
    }
    bad * 10 > sample.len()
}
