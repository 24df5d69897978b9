//! Process-wide settings made once, before any work starts.

/// Turns off transparent huge pages for this process on Linux.
///
/// mimalloc asks the kernel for huge pages on its arenas (`madvise`), and on
/// a machine whose THP mode honours that, every first touch of a fresh
/// region zeroes two megabytes: profiles of a build showed about a sixth of
/// all CPU time in the kernel's `clear_page` and peak memory rounded up to
/// whole huge pages. Small pages cost nothing measurable here. Failure
/// (another OS, an old kernel, a sandbox that forbids `prctl`) only means
/// the default stays, so it is ignored.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers, touches no memory of
    // ours, and only changes how the kernel backs later page faults.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Has mimalloc give freed pages back to the kernel at once while it is
/// held, then wait again as before.
///
/// By default it waits a second (longer for whole arena ranges) in case
/// the memory is wanted again; while the rules are held, every worker's
/// short-lived match and sentence buffers then sit resident beside them,
/// and the build's peak holds them all. Returning them at once lowered the
/// peak of a 3,000-article build from 250–258 to 238 MB for a few hundred
/// ms of system time in a 14 s build. Merging and writing free and reuse
/// large buffers, which then cost a page fault each time (an incremental
/// build's system time rose by half), and their peak is lower anyway: so
/// only extraction purges at once.
pub struct PromptPurge {
    #[cfg(not(feature = "system-alloc"))]
    before: std::ffi::c_long,
}

#[cfg(not(feature = "system-alloc"))]
mod mi {
    /// `mi_option_purge_delay` in mimalloc's `mi_option_t`; the Rust
    /// bindings name only some options.
    pub const PURGE_DELAY: std::ffi::c_int = 15;
    unsafe extern "C" {
        pub fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
        pub fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
}

impl PromptPurge {
    pub fn start() -> PromptPurge {
        #[cfg(not(feature = "system-alloc"))]
        // SAFETY: reads and sets one integer option of the allocator linked
        // into this program; mimalloc reads it at each purge, so any time
        // is safe.
        unsafe {
            let before = mi::mi_option_get(mi::PURGE_DELAY);
            mi::mi_option_set(mi::PURGE_DELAY, 0);
            PromptPurge { before }
        }
        #[cfg(feature = "system-alloc")]
        PromptPurge {}
    }
}

impl Drop for PromptPurge {
    fn drop(&mut self) {
        #[cfg(not(feature = "system-alloc"))]
        // SAFETY: as in `start`.
        unsafe {
            mi::mi_option_set(mi::PURGE_DELAY, self.before)
        }
    }
}

#[cfg(all(test, not(feature = "system-alloc")))]
mod tests {
    use super::*;

    #[test]
    fn freed_pages_are_purged_at_once_only_while_held() {
        // SAFETY: reads one integer option of the linked allocator.
        let delay = || unsafe { mi::mi_option_get(mi::PURGE_DELAY) };
        let before = delay();
        assert_ne!(before, 0, "mimalloc purges at once by default");
        let held = PromptPurge::start();
        assert_eq!(delay(), 0);
        drop(held);
        assert_eq!(delay(), before);
    }
}
