//! One article as a pack entry: the [`Header`] and the [`MentionRecord`]s
//! of its mention file, in postcard (a compact binary form of the same
//! serde types) instead of JSON Lines. The pack checks the bytes' hash;
//! this checks that they decode whole, with this program's schema.

use crate::mentionfile::{Extracted, Header, MentionRecord, SCHEMA};
use crate::mentions::Mention;
use crate::sym::Sym;

/// The entry's bytes: the header, then one record per mention.
pub fn encode(header: &Header, mentions: &[Mention]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(256 + mentions.len() * 256);
    // Plain data (strings, numbers, dates) always serialises.
    let put = |buf: Vec<u8>, v: &dyn erased::Ser| v.extend(buf);
    buf = put(buf, header);
    for m in mentions {
        buf = put(buf, &MentionRecord::from(m));
    }
    buf
}

/// The article back from [`encode`]'s bytes; `Err` says what is wrong.
pub fn decode(bytes: &[u8]) -> Result<Extracted, String> {
    let (header, mut rest) =
        postcard::take_from_bytes::<Header>(bytes).map_err(|e| format!("entry header: {e}"))?;
    if header.schema != SCHEMA {
        return Err(format!(
            "schema version {}, this program reads {SCHEMA}",
            header.schema
        ));
    }
    let (doc, published) = (Sym::new(&header.doc), Sym::new(&header.published));
    let mut mentions = Vec::with_capacity(header.mentions.min(bytes.len()));
    for i in 0..header.mentions {
        let (rec, more) = postcard::take_from_bytes::<MentionRecord>(rest)
            .map_err(|e| format!("mention {}: {e}", i + 1))?;
        mentions.push(
            rec.into_mention(&doc, &published)
                .map_err(|e| format!("mention {}: {e}", i + 1))?,
        );
        rest = more;
    }
    if !rest.is_empty() {
        return Err("bytes after the last mention".to_string());
    }
    Ok(Extracted {
        header,
        mentions,
        spilled: None,
    })
}

/// Serialising through `&dyn`, for the one appending closure above.
mod erased {
    pub trait Ser {
        fn extend(&self, buf: Vec<u8>) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn extend(&self, buf: Vec<u8>) -> Vec<u8> {
            postcard::to_extend(self, buf).expect("mention data serialises")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentionfile::encode as encode_jsonl;

    fn header(mentions: usize) -> Header {
        Header {
            schema: SCHEMA,
            doc: "a.txt".into(),
            published: "2024-05-03".into(),
            published_basis: "header".into(),
            publisher: None,
            url: Some("https://example.org/a".into()),
            content_hash: "00000000000000ff".into(),
            key: "0123456789abcdef".into(),
            stamp: "stamp".into(),
            warnings: vec!["a warning".into()],
            sentences: 3,
            mentions,
        }
    }

    #[test]
    fn an_entry_decodes_to_what_its_mention_file_holds() {
        let tmp = tempfile::tempdir().unwrap();
        let jsonl = tmp.path().join("x.jsonl");
        // A real article's mentions: the test corpus's first seed-like text.
        let text =
            "date 2024-05-03\nThe foreign ministers of Chile and Peru met in Lima on Friday.\n";
        let arts = tmp.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        std::fs::write(arts.join("a.txt"), text).unwrap();
        let engine = crate::pipeline::Engine::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        )
        .unwrap();
        let out = crate::pipeline::build(&engine, &arts, &|| {}).unwrap();
        let mentions: Vec<Mention> = out
            .events
            .iter()
            .flat_map(|e| e.mentions.iter().cloned())
            .collect();
        assert!(!mentions.is_empty(), "the text should yield a mention");
        let h = header(mentions.len());
        std::fs::write(&jsonl, encode_jsonl(&h, &mentions)).unwrap();
        let want = crate::mentionfile::read(&jsonl).unwrap();
        let got = decode(&encode(&h, &mentions)).unwrap();
        assert_eq!(got.header, want.header);
        assert_eq!(
            format!("{:?}", got.mentions),
            format!("{:?}", want.mentions)
        );
    }

    #[test]
    fn a_cut_or_padded_entry_is_refused() {
        let bytes = encode(&header(0), &[]);
        assert!(decode(&bytes).is_ok());
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let mut padded = bytes.clone();
        padded.push(0);
        assert!(decode(&padded).is_err());
        let other = Header {
            schema: SCHEMA + 1,
            ..header(0)
        };
        assert!(decode(&encode(&other, &[])).unwrap_err().contains("schema"));
    }
}
