//! Small text helpers shared by every stage.

pub mod decode;
pub mod text;

/// `n` in decimal, as `{n}` writes it, in `buf`'s tail: numbers written
/// into output lines and hashed ids without formatting machinery or an
/// allocation.
pub fn decimal(n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &buf[at..]
}
