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
