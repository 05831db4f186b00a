internal import CMimalloc
import Foundation

/// Which allocator serves `malloc` in this process, for the start line of `baokao serve` and `baokao-server`.
///
/// The commands link mimalloc (through this module), which then replaces glibc's `malloc` for the whole process,
/// the Swift runtime and Foundation included — unless the link order or a `LD_PRELOAD` puts another first. This
/// asks rather than assumes: a block from `malloc` is mimalloc's only if it lies in mimalloc's heap.
public enum MemoryAllocator {
    /// `mimalloc 2.0.9` when mimalloc serves `malloc`, else `system`.
    public static var name: String {
        guard let block = malloc(64) else { return "system" }
        defer { free(block) }
        guard mi_is_in_heap_region(block) else { return "system" }
        let version = Int(mi_version())
        return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
    }
}
