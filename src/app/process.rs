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

/// Has mimalloc give freed pages back to the kernel at once.
///
/// By default it waits 10 ms (longer for whole arena ranges) in case the
/// memory is wanted again; over a build, every worker's short-lived match
/// and sentence buffers then sit resident beside the rules, and the peak
/// holds them all. Returning them at once cost no CPU time measurable
/// against other load (a few hundred ms of system time in a 14 s build)
/// and lowered the peak of a 3,000-article build from 250–258 to 238 MB.
pub fn prompt_purge() {
    #[cfg(not(feature = "system-alloc"))]
    {
        // `mi_option_purge_delay` in mimalloc's `mi_option_t`; the Rust
        // bindings name only some options.
        const PURGE_DELAY: std::ffi::c_int = 15;
        unsafe extern "C" {
            fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
        }
        // SAFETY: sets one integer option of the allocator linked into this
        // program; mimalloc reads it at each purge, so any time is safe.
        unsafe { mi_option_set(PURGE_DELAY, 0) }
    }
}
