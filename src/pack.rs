//! Pack files: the entries of many articles in one file, so the build
//! cache is a few files rather than one per article (creating, opening and
//! reading 30,000 small files was most of an incremental build's system
//! time).
//!
//! Layout: [`MAGIC`], the entries one after another (opaque bytes here),
//! the index (postcard: the stamp, then each entry's key, offset, length
//! and hash), and a fixed footer (index offset, index length, index hash,
//! [`END`]). A pack is written under a temporary name and renamed whole,
//! so a complete name always holds a complete pack; a cut or edited index
//! makes the whole pack unreadable, an edited entry fails its own hash.
//! Nothing in a pack is trusted before its hash is checked.

use crate::mentionfile::fnv_words;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// Extension of pack files in the cache folder.
pub const EXT: &str = "pack";

/// First bytes of a pack; the last byte is the layout's version, bumped
/// when the layout or the entries' encoding changes.
pub const MAGIC: &[u8; 8] = b"dlpack\x00\x02";

/// Last bytes of a pack: a file cut short lacks them.
pub const END: &[u8; 8] = b"dlpkend\x02";

/// Index offset, index length, index hash, [`END`].
const FOOTER: u64 = 32;

/// A pack or one of its entries that cannot be used.
#[derive(Debug, Error)]
pub enum PackError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: incomplete or corrupt pack: {why}")]
    Corrupt { path: PathBuf, why: String },
    /// A whole pack written by another version of the layout: nothing is
    /// wrong with it, it is only of no use to this program.
    #[error("{path}: a pack of layout version {found}, not {}", MAGIC[7])]
    OtherLayout { path: PathBuf, found: u8 },
}

/// Where one entry lies in its pack, and the hash its bytes must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub offset: u64,
    pub len: u64,
    pub hash: u64,
}

/// What the index holds; every entry of a pack was made under one stamp.
#[derive(Serialize, Deserialize)]
struct Index {
    stamp: String,
    entries: Vec<(String, Slot)>,
}

/// An open, checked pack: its index in memory, its entries on disk.
#[derive(Debug)]
pub struct Pack {
    pub path: PathBuf,
    pub file: Arc<File>,
    pub stamp: String,
    pub entries: Vec<(String, Slot)>,
}

/// One entry that can be read again later (a spilled article's mentions):
/// the open file stays readable even if the pack is renamed or removed.
#[derive(Debug, Clone)]
pub struct EntryRef {
    pub path: PathBuf,
    pub file: Arc<File>,
    pub slot: Slot,
}

impl EntryRef {
    /// The entry's bytes, checked against its hash.
    pub fn read(&self) -> Result<Vec<u8>, PackError> {
        read_slot(&self.file, &self.path, &self.slot)
    }
}

impl Pack {
    /// Opens `path` and checks its frame and index; the entries are
    /// checked one by one as they are read.
    pub fn open(path: &Path) -> Result<Pack, PackError> {
        let io = |source| PackError::Io {
            path: path.to_path_buf(),
            source,
        };
        let corrupt = |why: &str| PackError::Corrupt {
            path: path.to_path_buf(),
            why: why.to_string(),
        };
        let file = File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        let head = MAGIC.len() as u64;
        if len < head + FOOTER {
            return Err(corrupt("shorter than an empty pack (cut short?)"));
        }
        let magic = read_at(&file, 0, head).map_err(io)?;
        if magic[..7] == MAGIC[..7] && magic[7] != MAGIC[7] {
            return Err(PackError::OtherLayout {
                path: path.to_path_buf(),
                found: magic[7],
            });
        }
        if magic != MAGIC {
            return Err(corrupt("not a pack"));
        }
        let footer = read_at(&file, len - FOOTER, FOOTER).map_err(io)?;
        let word = |i: usize| u64::from_le_bytes(footer[i * 8..i * 8 + 8].try_into().expect("8"));
        if &footer[24..] != END {
            return Err(corrupt("no end marker (cut short?)"));
        }
        let (at, index_len, index_hash) = (word(0), word(1), word(2));
        if at < head
            || at
                .checked_add(index_len)
                .and_then(|e| e.checked_add(FOOTER))
                != Some(len)
        {
            return Err(corrupt("the footer does not frame the index"));
        }
        let bytes = read_at(&file, at, index_len).map_err(io)?;
        if fnv_words(&bytes) != index_hash {
            return Err(corrupt("the index does not match its hash"));
        }
        let index: Index =
            postcard::from_bytes(&bytes).map_err(|e| corrupt(&format!("index: {e}")))?;
        let inside = |s: &Slot| s.offset >= head && s.offset.checked_add(s.len) <= Some(at);
        if !index.entries.iter().all(|(_, s)| inside(s)) {
            return Err(corrupt("an entry lies outside the pack's body"));
        }
        Ok(Pack {
            path: path.to_path_buf(),
            file: Arc::new(file),
            stamp: index.stamp,
            entries: index.entries,
        })
    }

    /// The entry at `slot` of this pack, to read now or later.
    pub fn entry(&self, slot: Slot) -> EntryRef {
        EntryRef {
            path: self.path.clone(),
            file: Arc::clone(&self.file),
            slot,
        }
    }

    /// Bytes of all entries (not the frame or index).
    pub fn body_bytes(&self) -> u64 {
        self.entries.iter().map(|(_, s)| s.len).sum()
    }
}

/// Reads `slot` of the open pack `file` and checks its hash.
fn read_slot(file: &File, path: &Path, slot: &Slot) -> Result<Vec<u8>, PackError> {
    let bytes = read_at(file, slot.offset, slot.len).map_err(|source| PackError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if fnv_words(&bytes) != slot.hash {
        return Err(PackError::Corrupt {
            path: path.to_path_buf(),
            why: format!("the entry at byte {} does not match its hash", slot.offset),
        });
    }
    Ok(bytes)
}

/// `len` bytes at `offset`, without moving a shared file position (many
/// threads read one pack at once).
fn read_at(file: &File, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0; usize::try_from(len).map_err(std::io::Error::other)?];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut buf, offset)?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            let n = std::os::windows::fs::FileExt::seek_read(
                file,
                &mut buf[done..],
                offset + done as u64,
            )?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
    }
    Ok(buf)
}

/// A pack being written: entries go straight to a temporary file, which
/// [`PackWriter::finish`] completes and renames into place.
#[derive(Debug)]
pub struct PackWriter {
    path: PathBuf,
    tmp: PathBuf,
    file: Arc<File>,
    len: u64,
    stamp: String,
    entries: Vec<(String, Slot)>,
}

/// Prefix of the temporary names of packs being written; what a killed
/// build left under it is removed by the next one.
pub const TMP_PREFIX: &str = ".tmp-";

impl PackWriter {
    /// Starts a pack in `dir` under a name no other pack has.
    pub fn create(dir: &Path, stamp: &str) -> Result<PackWriter, PackError> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "{:x}-{}-{}.{EXT}",
            crate::cache::now_ns(),
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        );
        let path = dir.join(&name);
        let tmp = dir.join(format!("{TMP_PREFIX}{name}"));
        let io = |source| PackError::Io {
            path: tmp.clone(),
            source,
        };
        let mut file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io)?;
        file.write_all(MAGIC).map_err(io)?;
        Ok(PackWriter {
            path,
            file: Arc::new(file),
            tmp,
            len: MAGIC.len() as u64,
            stamp: stamp.to_string(),
            entries: Vec::new(),
        })
    }

    /// Appends one entry under `key`; the returned reference reads it back
    /// (before or after the pack is finished). After an error the pack is
    /// unusable: [`PackWriter::abandon`] it.
    pub fn append(&mut self, key: &str, bytes: &[u8]) -> Result<EntryRef, PackError> {
        (&*self.file)
            .write_all(bytes)
            .map_err(|source| PackError::Io {
                path: self.tmp.clone(),
                source,
            })?;
        let slot = Slot {
            offset: self.len,
            len: bytes.len() as u64,
            hash: fnv_words(bytes),
        };
        self.len += slot.len;
        self.entries.push((key.to_string(), slot));
        Ok(EntryRef {
            path: self.tmp.clone(),
            file: Arc::clone(&self.file),
            slot,
        })
    }

    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the index and footer and renames the pack into place.
    pub fn finish(self) -> Result<Pack, PackError> {
        let index = Index {
            stamp: self.stamp,
            entries: self.entries,
        };
        // Strings, integers and tuples always serialise.
        let bytes = postcard::to_allocvec(&index).expect("a pack index serialises");
        let mut tail = bytes.clone();
        for word in [self.len, bytes.len() as u64, fnv_words(&bytes)] {
            tail.extend_from_slice(&word.to_le_bytes());
        }
        tail.extend_from_slice(END);
        let written = (&*self.file)
            .write_all(&tail)
            .and_then(|()| std::fs::rename(&self.tmp, &self.path));
        if let Err(source) = written {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(PackError::Io {
                path: self.path,
                source,
            });
        }
        Ok(Pack {
            path: self.path,
            file: self.file,
            stamp: index.stamp,
            entries: index.entries,
        })
    }

    /// Gives up the pack; entries already handed out stay readable through
    /// their open file.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(dir: &Path) -> (Pack, Vec<EntryRef>) {
        let mut w = PackWriter::create(dir, "stamp").unwrap();
        let refs = vec![
            w.append("k1", b"first entry").unwrap(),
            w.append("k2", b"second, longer entry").unwrap(),
        ];
        (w.finish().unwrap(), refs)
    }

    #[test]
    fn a_finished_pack_reads_back_by_index_and_by_reference() {
        let dir = tempfile::tempdir().unwrap();
        let (pack, refs) = written(dir.path());
        // Spilled references were made before the rename and still read.
        assert_eq!(refs[1].read().unwrap(), b"second, longer entry");
        let again = Pack::open(&pack.path).unwrap();
        assert_eq!(again.stamp, "stamp");
        assert_eq!(again.entries, pack.entries);
        let (key, slot) = &again.entries[0];
        assert_eq!(key, "k1");
        assert_eq!(again.entry(*slot).read().unwrap(), b"first entry");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_cut_or_edited_pack_is_refused_never_misread() {
        let dir = tempfile::tempdir().unwrap();
        let (pack, _) = written(dir.path());
        let bytes = std::fs::read(&pack.path).unwrap();
        for cut in [bytes.len() - 1, bytes.len() / 2, 4, 0] {
            std::fs::write(&pack.path, &bytes[..cut]).unwrap();
            assert!(matches!(
                Pack::open(&pack.path),
                Err(PackError::Corrupt { .. })
            ));
        }
        // One byte of the index changed: the index hash tells.
        let mut edited = bytes.clone();
        let n = edited.len();
        edited[n - FOOTER as usize - 3] ^= 1;
        std::fs::write(&pack.path, &edited).unwrap();
        assert!(Pack::open(&pack.path).is_err());
        // One byte of an entry changed: the pack opens, that entry fails.
        let mut edited = bytes.clone();
        edited[MAGIC.len() + 2] ^= 1;
        std::fs::write(&pack.path, &edited).unwrap();
        let open = Pack::open(&pack.path).unwrap();
        assert!(open.entry(open.entries[0].1).read().is_err());
        assert!(open.entry(open.entries[1].1).read().is_ok());
    }

    /// An older program's pack is told apart from a damaged one: it is no
    /// fault of the cache, so a build after an upgrade need not warn.
    #[test]
    fn a_pack_of_another_layout_is_told_apart_from_a_damaged_one() {
        let dir = tempfile::tempdir().unwrap();
        let (pack, _) = written(dir.path());
        let mut bytes = std::fs::read(&pack.path).unwrap();
        bytes[7] = MAGIC[7] - 1;
        std::fs::write(&pack.path, &bytes).unwrap();
        match Pack::open(&pack.path) {
            Err(PackError::OtherLayout { found, .. }) => assert_eq!(found, MAGIC[7] - 1),
            other => panic!("{:?}", other.map(|p| p.path)),
        }
        bytes[0] = b'x';
        std::fs::write(&pack.path, &bytes).unwrap();
        assert!(matches!(
            Pack::open(&pack.path),
            Err(PackError::Corrupt { .. })
        ));
    }
}
