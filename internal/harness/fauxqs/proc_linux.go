package fauxqs

import (
	"os/exec"
	"syscall"
)

// sysProcAttr puts the emulator in its own process group, so Stop reaches
// any child it spawns, and has the kernel kill it if the test binary dies
// without calling Stop.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func terminate(cmd *exec.Cmd) { syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }

func kill(cmd *exec.Cmd) { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
