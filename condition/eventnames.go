package condition

// A fact table, transcribed from libsinsp's driver tables (the spec allows
// deriving one: falco-conditions.md, header). eventset_test.go checks it
// against the code counts the spec gives.

// eventNames are the names of ppm event codes 0 to 425, in code order, from
// driver/event_table.c (falcosecurity/libs 2450f8e, with 420 to 425 from
// ppm_events_public.h at 58bf3a9). Unused exit events are named "NA".
const eventNames = "" +
	"syscall syscall open open close close read read write write brk brk execve execve clone clone " +
	"procexit NA socket socket bind bind connect connect listen listen accept accept send send sendto " +
	"sendto recv recv recvfrom recvfrom shutdown shutdown getsockname getsockname getpeername " +
	"getpeername socketpair socketpair setsockopt setsockopt getsockopt getsockopt sendmsg sendmsg " +
	"sendmmsg sendmmsg recvmsg recvmsg recvmmsg recvmmsg accept accept creat creat pipe pipe eventfd " +
	"eventfd futex futex stat stat lstat lstat fstat fstat stat64 stat64 lstat64 lstat64 fstat64 " +
	"fstat64 epoll_wait epoll_wait poll poll select select select select lseek lseek llseek llseek " +
	"ioctl ioctl getcwd getcwd chdir chdir fchdir fchdir mkdir mkdir rmdir rmdir openat openat link " +
	"link linkat linkat unlink unlink unlinkat unlinkat pread pread pwrite pwrite readv readv writev " +
	"writev preadv preadv pwritev pwritev dup dup signalfd signalfd kill kill tkill tkill tgkill " +
	"tgkill nanosleep nanosleep timerfd_create timerfd_create inotify_init inotify_init getrlimit " +
	"getrlimit setrlimit setrlimit prlimit prlimit switch NA drop drop fcntl fcntl switch NA execve " +
	"execve clone clone brk brk mmap mmap mmap2 mmap2 munmap munmap splice splice ptrace ptrace ioctl " +
	"ioctl execve execve rename rename renameat renameat symlink symlink symlinkat symlinkat fork " +
	"fork vfork vfork procexit NA sendfile sendfile quotactl quotactl setresuid setresuid setresgid " +
	"setresgid scapevent scapevent setuid setuid setgid setgid getuid getuid geteuid geteuid getgid " +
	"getgid getegid getegid getresuid getresuid getresgid getresgid execve execve clone clone fork " +
	"fork vfork vfork clone clone fork fork vfork vfork container NA execve execve signaldeliver NA " +
	"procinfo NA getdents getdents getdents64 getdents64 setns setns flock flock cpu_hotplug NA " +
	"accept accept accept accept semop semop semctl semctl ppoll ppoll mount mount umount umount k8s " +
	"NA semget semget access access chroot chroot tracer tracer mesos NA container NA setsid setsid " +
	"mkdir mkdir rmdir rmdir notification NA execve execve unshare unshare infra NA execve execve " +
	"page_fault NA execve execve setpgid setpgid bpf bpf seccomp seccomp unlink unlink unlinkat " +
	"unlinkat mkdirat mkdirat openat openat link link linkat linkat fchmodat fchmodat chmod chmod " +
	"fchmod fchmod renameat2 renameat2 userfaultfd userfaultfd pluginevent NA container NA openat2 " +
	"openat2 mprotect mprotect execveat execveat copy_file_range copy_file_range clone3 clone3 " +
	"open_by_handle_at open_by_handle_at io_uring_setup io_uring_setup io_uring_enter io_uring_enter " +
	"io_uring_register io_uring_register mlock mlock munlock munlock mlockall mlockall munlockall " +
	"munlockall capset capset useradded NA userdeleted NA groupadded NA groupdeleted NA dup2 dup2 " +
	"dup3 dup3 dup dup bpf bpf mlock2 mlock2 fsconfig fsconfig epoll_create epoll_create " +
	"epoll_create1 epoll_create1 chown chown lchown lchown fchown fchown fchownat fchownat umount " +
	"umount accept4 accept4 umount2 umount2 pipe2 pipe2 inotify_init1 inotify_init1 eventfd2 eventfd2 " +
	"signalfd4 signalfd4 prctl prctl asyncevent NA memfd_create memfd_create pidfd_getfd pidfd_getfd " +
	"pidfd_open pidfd_open init_module init_module finit_module finit_module mknod mknod mknodat " +
	"mknodat newfstatat newfstatat process_vm_readv process_vm_readv process_vm_writev " +
	"process_vm_writev delete_module delete_module"

// syscallNames are libsinsp's syscall names (the PPM_SC_X table of
// ppm_events_public.h at libs 58bf3a9, lower-cased), codes 0 to 442 less the
// unused 382.
const syscallNames = "" +
	"unknown restart_syscall exit read write open close creat link unlink chdir time mknod chmod stat " +
	"lseek getpid mount ptrace alarm fstat pause utime access sync kill rename mkdir rmdir dup pipe " +
	"times brk acct ioctl fcntl setpgid umask chroot ustat dup2 getppid getpgrp setsid sethostname " +
	"setrlimit getrusage gettimeofday settimeofday symlink lstat readlink uselib swapon reboot mmap " +
	"munmap truncate ftruncate fchmod getpriority setpriority statfs fstatfs syslog setitimer " +
	"getitimer uname vhangup wait4 swapoff sysinfo fsync setdomainname adjtimex mprotect init_module " +
	"delete_module quotactl getpgid fchdir sysfs personality getdents select flock msync readv writev " +
	"getsid fdatasync mlock munlock mlockall munlockall sched_setparam sched_getparam " +
	"sched_setscheduler sched_getscheduler sched_yield sched_get_priority_max sched_get_priority_min " +
	"sched_rr_get_interval nanosleep mremap poll prctl rt_sigaction rt_sigprocmask rt_sigpending " +
	"rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend getcwd capget capset sendfile getrlimit lchown " +
	"getuid getgid geteuid getegid setreuid setregid getgroups setgroups fchown setresuid getresuid " +
	"setresgid getresgid chown setuid setgid setfsuid setfsgid pivot_root mincore madvise gettid " +
	"setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr listxattr llistxattr flistxattr " +
	"removexattr lremovexattr fremovexattr tkill futex sched_setaffinity sched_getaffinity " +
	"set_thread_area get_thread_area io_setup io_destroy io_getevents io_submit io_cancel exit_group " +
	"epoll_create epoll_ctl epoll_wait remap_file_pages set_tid_address timer_create timer_settime " +
	"timer_gettime timer_getoverrun timer_delete clock_settime clock_gettime clock_getres " +
	"clock_nanosleep tgkill utimes mq_open mq_unlink mq_timedsend mq_timedreceive mq_notify " +
	"mq_getsetattr kexec_load waitid add_key request_key keyctl ioprio_set ioprio_get inotify_init " +
	"inotify_add_watch inotify_rm_watch openat mkdirat mknodat fchownat futimesat unlinkat renameat " +
	"linkat symlinkat readlinkat fchmodat faccessat pselect6 ppoll unshare set_robust_list " +
	"get_robust_list splice tee vmsplice getcpu epoll_pwait utimensat signalfd timerfd_create eventfd " +
	"timerfd_settime timerfd_gettime signalfd4 eventfd2 epoll_create1 dup3 pipe2 inotify_init1 preadv " +
	"pwritev rt_tgsigqueueinfo perf_event_open fanotify_init prlimit64 clock_adjtime syncfs setns " +
	"getdents64 socket bind connect listen accept getsockname getpeername socketpair sendto recvfrom " +
	"shutdown setsockopt getsockopt sendmsg sendmmsg recvmsg recvmmsg accept4 semop semget semctl " +
	"msgsnd msgrcv msgget msgctl shmdt shmget shmctl statfs64 fstatfs64 fstatat64 sendfile64 " +
	"ugetrlimit bdflush sigprocmask ipc socketcall stat64 lstat64 fstat64 fcntl64 mmap2 _newselect " +
	"sgetmask ssetmask sigpending olduname umount signal nice stime _llseek waitpid pread64 pwrite64 " +
	"arch_prctl shmat rt_sigreturn fallocate newfstatat process_vm_readv process_vm_writev fork vfork " +
	"setuid32 getuid32 setgid32 geteuid32 getgid32 setresuid32 setresgid32 getresuid32 getresgid32 " +
	"finit_module bpf seccomp sigaltstack getrandom fadvise64 renameat2 userfaultfd openat2 umount2 " +
	"execve execveat copy_file_range clone clone3 open_by_handle_at io_uring_setup io_uring_enter " +
	"io_uring_register mlock2 getegid32 fsconfig fspick fsmount fsopen open_tree move_mount " +
	"mount_setattr memfd_create memfd_secret ioperm kexec_file_load pidfd_getfd pidfd_open " +
	"pidfd_send_signal pkey_alloc pkey_mprotect pkey_free landlock_create_ruleset quotactl_fd " +
	"landlock_restrict_self landlock_add_rule epoll_pwait2 migrate_pages move_pages preadv2 pwritev2 " +
	"kcmp sched_setattr mbind epoll_ctl_old lookup_dcookie modify_ldt statx set_mempolicy " +
	"io_pgetevents set_mempolicy_home_node semtimedop get_kernel_syms readahead futex_waitv getpmsg " +
	"name_to_handle_at process_mrelease nfsservctl epoll_wait_old rseq create_module sched_getattr " +
	"faccessat2 _sysctl query_module get_mempolicy sync_file_range process_madvise membarrier iopl " +
	"close_range fanotify_mark recv send sched_process_exit sched_switch page_fault_user " +
	"page_fault_kernel signal_deliver timerfd s390_pci_mmio_read sigaction s390_pci_mmio_write " +
	"readdir s390_sthyi sigsuspend idle s390_runtime_instr sigreturn s390_guarded_storage cachestat " +
	"fchmodat2 map_shadow_stack riscv_flush_icache riscv_hwprobe futex_wake futex_requeue futex_wait " +
	"oldstat switch_endian multiplexer oldlstat spu_create sync_file_range2 oldfstat spu_run " +
	"swapcontext pciconfig_write rtas pciconfig_read sys_debug_setcontext vm86 oldolduname " +
	"subpage_prot pciconfig_iobase listmount statmount lsm_get_self_attr lsm_set_self_attr " +
	"lsm_list_modules mseal"
