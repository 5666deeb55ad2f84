package evidence

import "strings"

// Row is one line of the table that translates what Falco observes into
// ATT&CK's vocabulary. A rule of Source matches the row when it can see
// one of EventTypes (any event, when there are none) and reads one of
// Fields (any field, when there are none); what the row lists on the
// ATT&CK side is then what the rule watches.
type Row struct {
	Source string // Falco event source: "syscall", "k8s_audit", ...
	// EventTypes are Falco event type names (driver/event_table.c),
	// for syscall rules.
	EventTypes []string `json:",omitempty"`
	// Fields are field names, or prefixes ending in ".", the rule reads.
	Fields []string `json:",omitempty"`

	// Logs are ATT&CK log source names whose every record the rule sees:
	// a match on the name alone is evidence.
	Logs []string `json:",omitempty"`
	// Syscalls are the words ATT&CK's channels use for these events
	// ("open", "execve"); they count in the channels of SyscallLogs.
	Syscalls []string `json:",omitempty"`
	// Components are data component names, as in every ATT&CK release
	// ("Process Creation").
	Components []string `json:",omitempty"`

	// From says where the row comes from.
	From string
}

// SyscallLogs are the ATT&CK log sources whose channels name syscalls:
// a syscall rule matches one of their entries when the channel names a
// syscall of the rule's rows. Other log sources match by name (Logs) or
// by data component.
var SyscallLogs = []string{"auditd:SYSCALL", "ebpf:syscalls", "auditd:EXECVE", "auditd:PATH", "auditd:FILE", "auditd:MMAP"}

// The From texts say what a row rests on. "ATT&CK 18.1: open → File
// Access in 46 analytics" counts the auditd:SYSCALL and ebpf:syscalls
// references of live Linux and Containers analytics whose channel names
// the syscall, by the data component ATT&CK gave the reference (the
// script is in docs/evidence.md).
const (
	fromExecve  = "execve(2), execveat(2): a new program; ATT&CK 18.1: execve → Process Creation in 173 analytics, Command Execution in 30; auditd:EXECVE and auditd:PROCTITLE records are execve's arguments"
	fromClone   = "clone(2), fork(2), vfork(2): a new process; ATT&CK 18.1: fork → Process Creation"
	fromOpen    = "open(2), openat2(2), creat(2): open, create or truncate a file; ATT&CK 18.1: open → File Access in 46 analytics, File Modification in 22, File Creation in 12; creat → File Creation in 9; auditd PATH and FILE records name the files"
	fromRead    = "read(2): file contents; ATT&CK 18.1: read → File Access in 25 analytics"
	fromWrite   = "write(2): file contents; ATT&CK 18.1: write → File Modification in 39 analytics, File Creation in 12"
	fromRename  = "rename(2): ATT&CK 18.1: rename → File Modification in 7 analytics, File Creation in 5"
	fromUnlink  = "unlink(2), rmdir(2): ATT&CK 18.1: unlink, unlinkat → File Deletion in 9 analytics"
	fromMkdir   = "mkdir(2), link(2), symlink(2): a new directory entry is a file creation"
	fromChmod   = "chmod(2), chown(2), setxattr(2): permissions and attributes; ATT&CK 18.1: chmod → File Modification in 6 analytics, File Metadata in 3; chown, fchmod, setxattr → File Metadata"
	fromConnect = "connect(2): an outbound connection; ATT&CK 18.1: connect → Network Connection Creation in 18 analytics, Network Traffic Flow in 5"
	fromAccept  = "accept(2), listen(2), bind(2): an inbound connection or a listening socket; ATT&CK 18.1: bind → Network Connection Creation"
	fromSocket  = "socket(2): ATT&CK 18.1: socket → Network Connection Creation in 5 analytics, Network Traffic Flow in 4"
	fromSend    = "sendto(2), recvfrom(2): datagrams, which Falco's outbound and inbound macros count as connections; ATT&CK 18.1: sendto → Network Connection Creation"
	fromBuffer  = "Falco's evt.buffer (evt.arg.data) is the data a read, write, send or receive carries: on a socket, the traffic's content as the host sees it"
	fromPtrace  = "ptrace(2): one process reading or changing another; ATT&CK 18.1: ptrace → Process Access in 7 analytics, OS API Execution in 5"
	fromVM      = "process_vm_readv(2): another process's memory; ATT&CK 18.1: process_vm_readv → Process Access, process_vm_writev → OS API Execution"
	fromMmap    = "mmap(2), mprotect(2), memfd_create(2): memory mappings and anonymous executables; ATT&CK 18.1: mmap → OS API Execution, Module Load; mprotect → Process Modification"
	fromSetuid  = "setuid(2), capset(2), prctl(2): a process changes its credentials or capabilities (Falco's privilege escalation rules); ATT&CK's Process Metadata"
	fromNS      = "setns(2), unshare(2), mount(2), chroot(2): namespaces and mounts, the container escape syscalls; ATT&CK 18.1: T1611's Linux analytic names unshare, mount, keyctl, setns → OS API Execution"
	fromModule  = "init_module(2), finit_module(2), delete_module(2): kernel modules; ATT&CK's Kernel Module Load (its channels name insmod, modprobe, rmmod)"
	fromBPF     = "bpf(2): eBPF programs and maps, loaded into the kernel; ATT&CK 18.1: bpf(cmd=BPF_PROG_LOAD) in a Linux sniffing analytic"
	fromKill    = "kill(2): signals; ATT&CK 18.1: kill → Process Termination, Process Modification; procexit is Falco's event for a process's end (exit_group)"
	fromDup     = "dup(2): file descriptor redirection, as Falco's reverse shell rules read it"
	fromSyscall = "other syscalls Falco has events for: ATT&CK's OS API Execution"
	fromCont    = "Falco's container event, from its container plugin or engine: a container seen for the first time"
	fromK8s     = "Falco k8saudit plugin: every Kubernetes API server audit event; ATT&CK names that log kubernetes:audit and kubernetes:apiserver"
	fromK8sPod  = "k8saudit fields ka.req.pod.* describe the pod of a create or update request"
	fromK8sRBAC = "k8saudit fields ka.req.binding.* and ka.req.role.*: RBAC bindings; ATT&CK 18.1: T1098.006's analytic files RoleBinding changes under User Account Modification"
	fromK8sExec = "k8saudit field ka.target.subresource: exec and attach requests run commands in containers (T1609's Command Execution)"
	fromK8sUser = "k8saudit fields ka.user.* and ka.auth.*: who authenticated and what was decided"
	fromK8sRes  = "k8saudit fields ka.target.*, ka.verb: resources read, listed or changed"
	fromCT      = "Falco cloudtrail plugin: every AWS CloudTrail management event; ATT&CK names that log AWS:CloudTrail (and CloudTrail:<event>); the issue maps cloud sources to the Cloud Service components"
	fromS3      = "cloudtrail plugin fields s3.*: S3 object and bucket events"
	fromEC2     = "cloudtrail plugin fields ec2.*: EC2 instance events"
	fromCTUser  = "cloudtrail plugin fields ct.user*: the identity of every call, ConsoleLogin and AssumeRole included"
	fromGCP     = "Falco gcpaudit plugin: GCP Cloud Audit Logs; ATT&CK names them gcp:audit"
	fromAzure   = "Falco azure_platformlogs: Azure platform (activity) logs from Event Hubs; ATT&CK names them azure:activity and azure:audit"
	fromOkta    = "Falco okta plugin: the Okta System Log; ATT&CK names it saas:okta and Okta:SystemLog"
	fromGitHub  = "Falco github plugin: GitHub webhook events (pushes, repository and secret changes, workflow runs); ATT&CK names them saas:github"
)

// cloudService is what the issue maps cloud plugin sources to.
var cloudService = []string{"Cloud Service Modification", "Cloud Service Metadata", "Cloud Service Enumeration", "Cloud Service Disable"}

// Table is the mapping, one row per kind of observation. Callers must not
// change it.
var Table = []Row{
	// syscall: Falco's drivers see what auditd and eBPF sensors see.
	{Source: "syscall", EventTypes: []string{"execve", "execveat"},
		Logs: []string{"auditd:EXECVE", "auditd:PROCTITLE"}, Syscalls: []string{"execve", "execveat", "exec"},
		Components: []string{"Process Creation", "Command Execution"}, From: fromExecve},
	{Source: "syscall", EventTypes: []string{"clone", "clone3", "fork", "vfork"},
		Syscalls: []string{"clone", "clone3", "fork", "vfork"}, Components: []string{"Process Creation"}, From: fromClone},
	{Source: "syscall", EventTypes: []string{"open", "openat", "openat2", "creat", "open_by_handle_at"},
		Logs: []string{"auditd:PATH", "auditd:FILE"}, Syscalls: []string{"open", "openat", "openat2", "creat", "create"},
		Components: []string{"File Access", "File Creation", "File Modification"}, From: fromOpen},
	{Source: "syscall", EventTypes: []string{"read", "readv", "pread", "preadv"},
		Syscalls: []string{"read"}, Components: []string{"File Access"}, From: fromRead},
	{Source: "syscall", EventTypes: []string{"write", "writev", "pwrite", "pwritev"},
		Syscalls: []string{"write"}, Components: []string{"File Modification"}, From: fromWrite},
	{Source: "syscall", EventTypes: []string{"rename", "renameat", "renameat2"},
		Logs: []string{"auditd:PATH"}, Syscalls: []string{"rename", "renameat", "renameat2"},
		Components: []string{"File Modification", "File Creation"}, From: fromRename},
	{Source: "syscall", EventTypes: []string{"unlink", "unlinkat", "rmdir"},
		Logs: []string{"auditd:PATH"}, Syscalls: []string{"unlink", "unlinkat", "rmdir"},
		Components: []string{"File Deletion"}, From: fromUnlink},
	{Source: "syscall", EventTypes: []string{"mkdir", "mkdirat", "link", "linkat", "symlink", "symlinkat", "mknod", "mknodat"},
		Logs: []string{"auditd:PATH"}, Syscalls: []string{"mkdir", "link", "symlink", "mknod"},
		Components: []string{"File Creation"}, From: fromMkdir},
	{Source: "syscall", EventTypes: []string{"chmod", "fchmod", "fchmodat", "chown", "fchown", "fchownat", "lchown", "setxattr", "lsetxattr", "fsetxattr"},
		Logs: []string{"auditd:PATH"}, Syscalls: []string{"chmod", "fchmod", "fchmodat", "chown", "fchown", "fchownat", "lchown", "setxattr", "lsetxattr", "fsetxattr"},
		Components: []string{"File Metadata", "File Modification"}, From: fromChmod},
	{Source: "syscall", EventTypes: []string{"connect"},
		Syscalls: []string{"connect"}, Components: []string{"Network Connection Creation", "Network Traffic Flow"}, From: fromConnect},
	{Source: "syscall", EventTypes: []string{"accept", "accept4", "listen", "bind"},
		Syscalls: []string{"accept", "accept4", "listen", "bind"}, Components: []string{"Network Connection Creation"}, From: fromAccept},
	{Source: "syscall", EventTypes: []string{"socket", "socketpair"},
		Syscalls: []string{"socket"}, Components: []string{"Network Connection Creation", "Network Traffic Flow"}, From: fromSocket},
	{Source: "syscall", EventTypes: []string{"sendto", "sendmsg", "sendmmsg", "recvfrom", "recvmsg", "recvmmsg"},
		Syscalls:   []string{"sendto", "sendmsg", "recvfrom", "recvmsg", "send", "recv"},
		Components: []string{"Network Connection Creation", "Network Traffic Flow"}, From: fromSend},
	{Source: "syscall", EventTypes: []string{"read", "readv", "pread", "write", "writev", "pwrite", "sendto", "sendmsg", "recvfrom", "recvmsg"},
		Fields: []string{"evt.buffer", "evt.arg.data", "evt.rawarg.data"}, Components: []string{"Network Traffic Content"}, From: fromBuffer},
	{Source: "syscall", EventTypes: []string{"ptrace"},
		Syscalls: []string{"ptrace"}, Components: []string{"Process Access", "OS API Execution"}, From: fromPtrace},
	{Source: "syscall", EventTypes: []string{"process_vm_readv", "process_vm_writev"},
		Syscalls:   []string{"process_vm_readv", "process_vm_writev"},
		Components: []string{"Process Access", "Process Modification", "OS API Execution"}, From: fromVM},
	{Source: "syscall", EventTypes: []string{"mmap", "mmap2", "mprotect", "memfd_create"},
		Logs: []string{"auditd:MMAP"}, Syscalls: []string{"mmap", "mprotect", "memfd_create"},
		Components: []string{"OS API Execution", "Process Modification", "Module Load"}, From: fromMmap},
	{Source: "syscall", EventTypes: []string{"setuid", "setgid", "setresuid", "setresgid", "setreuid", "setregid", "setfsuid", "setfsgid", "capset", "prctl"},
		Syscalls:   []string{"setuid", "setgid", "setresuid", "setresgid", "capset", "prctl"},
		Components: []string{"Process Metadata", "OS API Execution"}, From: fromSetuid},
	{Source: "syscall", EventTypes: []string{"setns", "unshare", "mount", "umount", "umount2", "pivot_root", "chroot", "fsconfig", "open_tree", "move_mount"},
		Syscalls:   []string{"setns", "unshare", "mount", "umount", "umount2", "pivot_root", "chroot"},
		Components: []string{"OS API Execution"}, From: fromNS},
	{Source: "syscall", EventTypes: []string{"init_module", "finit_module", "delete_module"},
		Syscalls:   []string{"init_module", "finit_module", "delete_module", "insmod", "modprobe", "rmmod"},
		Components: []string{"Kernel Module Load"}, From: fromModule},
	{Source: "syscall", EventTypes: []string{"bpf"},
		Syscalls: []string{"bpf"}, Components: []string{"OS API Execution", "Kernel Module Load"}, From: fromBPF},
	{Source: "syscall", EventTypes: []string{"kill", "tkill", "tgkill", "procexit"},
		Syscalls:   []string{"kill", "tkill", "tgkill", "exit_group"},
		Components: []string{"Process Termination", "Process Modification"}, From: fromKill},
	{Source: "syscall", EventTypes: []string{"dup", "dup2", "dup3"},
		Syscalls: []string{"dup", "dup2", "dup3"}, Components: []string{"Process Modification", "OS API Execution"}, From: fromDup},
	{Source: "syscall", EventTypes: []string{"userfaultfd", "keyctl", "ioctl", "kexec_load", "kexec_file_load", "io_uring_setup", "io_uring_enter", "seccomp"},
		Syscalls:   []string{"userfaultfd", "keyctl", "ioctl", "kexec_load", "io_uring_setup", "seccomp"},
		Components: []string{"OS API Execution"}, From: fromSyscall},
	{Source: "syscall", EventTypes: []string{"container"},
		Components: []string{"Container Creation", "Container Start"}, From: fromCont},

	// k8s_audit: the whole audit log, refined by the fields a rule reads.
	{Source: "k8s_audit", Logs: []string{"kubernetes:audit", "kubernetes:apiserver"}, From: fromK8s},
	{Source: "k8s_audit", Fields: []string{"ka.req.pod.", "ka.req.container."},
		Components: []string{"Pod Creation", "Pod Modification", "Container Creation"}, From: fromK8sPod},
	{Source: "k8s_audit", Fields: []string{"ka.req.binding.", "ka.req.role."},
		Components: []string{"User Account Modification"}, From: fromK8sRBAC},
	{Source: "k8s_audit", Fields: []string{"ka.target.subresource"},
		Components: []string{"Command Execution", "Process Creation"}, From: fromK8sExec},
	{Source: "k8s_audit", Fields: []string{"ka.user.", "ka.auth."},
		Components: []string{"User Account Authentication", "Logon Session Creation"}, From: fromK8sUser},
	{Source: "k8s_audit", Fields: []string{"ka.target.", "ka.verb", "ka.uri"},
		Components: []string{"Pod Enumeration", "Container Enumeration"}, From: fromK8sRes},

	// Cloud and SaaS plugins: each reads one provider's log whole.
	{Source: "aws_cloudtrail", Logs: []string{"AWS:CloudTrail", "CloudTrail:GetObject", "CloudTrail:PutObject", "CloudTrail:Signin", "CloudTrail:GetCallerIdentity"},
		Components: cloudService, From: fromCT},
	{Source: "aws_cloudtrail", Fields: []string{"s3."},
		Components: []string{"Cloud Storage Access", "Cloud Storage Creation", "Cloud Storage Deletion", "Cloud Storage Modification", "Cloud Storage Enumeration", "Cloud Storage Metadata"}, From: fromS3},
	{Source: "aws_cloudtrail", Fields: []string{"ec2."},
		Components: []string{"Instance Creation", "Instance Start", "Instance Stop", "Instance Modification", "Instance Deletion", "Instance Enumeration", "Instance Metadata"}, From: fromEC2},
	{Source: "aws_cloudtrail", Fields: []string{"ct.user", "ct.user."},
		Components: []string{"User Account Authentication", "Logon Session Creation", "User Account Metadata"}, From: fromCTUser},
	{Source: "gcp_auditlog", Logs: []string{"gcp:audit", "gcp:iam", "gcp:config"}, Components: cloudService, From: fromGCP},
	{Source: "azure_platformlogs", Logs: []string{"azure:activity", "azure:audit"}, Components: cloudService, From: fromAzure},
	{Source: "okta", Logs: []string{"saas:okta", "Okta:SystemLog"},
		Components: []string{"User Account Authentication", "Logon Session Creation", "User Account Modification", "User Account Creation", "Application Log Content"}, From: fromOkta},
	{Source: "github", Logs: []string{"saas:github", "saas:RepoEvents", "saas:PRMetadata"},
		Components: []string{"Cloud Service Modification", "Cloud Service Metadata", "Application Log Content"}, From: fromGitHub},
}

// sourceLogs are the ATT&CK logs each event source sees, in lower case:
// its rows' Logs, and SyscallLogs for syscall.
var sourceLogs = func() map[string]map[string]bool {
	m := map[string]map[string]bool{"syscall": {}}
	for _, l := range SyscallLogs {
		m["syscall"][strings.ToLower(l)] = true
	}
	for _, r := range Table {
		if m[r.Source] == nil {
			m[r.Source] = map[string]bool{}
		}
		for _, l := range r.Logs {
			m[r.Source][strings.ToLower(l)] = true
		}
	}
	return m
}()

// allPlatforms and allLogs are every platform and log some event source
// sees.
var allPlatforms, allLogs = func() (map[string]bool, map[string]bool) {
	ps, ls := map[string]bool{}, map[string]bool{}
	for _, list := range sourcePlatforms {
		for _, p := range list {
			ps[p] = true
		}
	}
	for _, m := range sourceLogs {
		for l := range m {
			ls[l] = true
		}
	}
	return ps, ls
}()
