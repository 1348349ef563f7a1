// The entrypoint of lsc's container layer, where RIE's binary sits in a Lambda-style image. It listens
// on RIE's invoke address the moment the container starts, as RIE (a static binary) does: SAM invokes
// as soon as Docker's proxy accepts a connection, and a connection the container is not yet accepting
// is reset. It then starts the layer itself (node, which takes ~100 ms to listen) on a private loopback
// port and relays each connection to it byte for byte, waiting for it to be up.
package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

const (
	node   = "/usr/bin/node"
	layer  = "/var/rapid/lsc-rapid.cjs"
	flag   = "--runtime-interface-emulator-address"
	upWait = 30 * time.Second
)

// invokeAddress takes RIE's flag out of the arguments (both `--flag value` and `--flag=value`).
func invokeAddress(args []string) (string, []string) {
	address, rest := "0.0.0.0:8080", []string{}
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == flag && i+1 < len(args):
			address = args[i+1]
			i++
		case strings.HasPrefix(args[i], flag+"="):
			address = strings.TrimPrefix(args[i], flag+"=")
		default:
			rest = append(rest, args[i])
		}
	}
	return address, rest
}

func privatePort() (string, error) {
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer probe.Close()
	return probe.Addr().String(), nil
}

// relay copies both ways; when the layer ends its side (a response done or cut) the client's goes too.
func relay(client net.Conn, inner string) {
	defer client.Close()
	deadline := time.Now().Add(upWait)
	var upstream net.Conn
	for {
		conn, err := net.Dial("tcp", inner)
		if err == nil {
			upstream = conn
			break
		}
		if time.Now().After(deadline) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	defer upstream.Close()
	go func() {
		io.Copy(upstream, client)
		upstream.(*net.TCPConn).CloseWrite()
	}()
	io.Copy(client, upstream)
}

func main() {
	address, rest := invokeAddress(os.Args[1:])
	listener, err := net.Listen("tcp", address)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lsc-rapid: %v\n", err)
		os.Exit(1)
	}
	inner, err := privatePort()
	if err != nil {
		fmt.Fprintf(os.Stderr, "lsc-rapid: %v\n", err)
		os.Exit(1)
	}
	cmd := exec.Command(node, append([]string{layer, flag, inner}, rest...)...)
	cmd.Stdout, cmd.Stderr, cmd.Env = os.Stdout, os.Stderr, os.Environ()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "lsc-rapid: starting %s: %v\n", layer, err)
		os.Exit(1)
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		for s := range signals {
			cmd.Process.Signal(s)
		}
	}()
	go func() {
		cmd.Wait()
		os.Exit(cmd.ProcessState.ExitCode())
	}()
	for {
		client, err := listener.Accept()
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		go relay(client, inner)
	}
}
