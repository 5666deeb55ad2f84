package main

// The heap of a large run in transparent huge pages. A run over 100k
// rules keeps some 450 MB of model, report and text, and on the 2-core
// development VM each first touch of a 4 KB page of it cost about 11 µs:
// a third of the run's CPU went to page faults and the TLB misses of
// 110k small pages. Linux backs memory with 2 MB pages where a process
// asks for them (madvise, the default setting of transparent huge
// pages), but the Go runtime maps its heap without asking.
// adviseHugePages asks for a stretch of heap before the run needs it
// (heap_linux.go); elsewhere it does nothing.

// hugeFrom is the size of rules from which a run advises huge pages:
// below it the heap is a few megabytes, and a forced collection and a
// 2 MB page for each small span cost more than they save.
const hugeFrom = 1 << 20

// heapPerByte is about how much heap a run reaches per byte of rules:
// 100k generated rules, 33 MB, peak near 500 MB.
const heapPerByte = 16

// maxHuge caps the stretch advised, whatever the input.
const maxHuge = 2 << 30
