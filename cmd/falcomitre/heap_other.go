//go:build !(linux && (amd64 || arm64 || ppc64le || s390x || riscv64 || loong64))

package main

// adviseHugePages does nothing here: huge pages are asked for on 64-bit
// Linux only.
func adviseHugePages(int) {}
