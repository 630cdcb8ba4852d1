//go:build unix

package siemexporter

import (
	"crypto/tls"
	"errors"
	"net"
	"syscall"
)

// closedByPeer tells whether the receiver has closed the connection by looking at the socket without waiting, so
// the answer does not depend on how busy the machine is. A syslog receiver sends nothing: end of stream or a reset
// means it closed. A TLS receiver does send records (session tickets after the handshake, a close alert before it
// closes); those are read through the TLS connection, which reports the close alert as end of stream.
func closedByPeer(conn net.Conn) bool {
	socket := conn
	if tlsConn, ok := conn.(*tls.Conn); ok {
		socket = tlsConn.NetConn()
	}
	syscallConn, ok := socket.(syscall.Conn)
	if !ok {
		return readsClosed(conn)
	}
	raw, err := syscallConn.SyscallConn()
	if err != nil {
		return true
	}
	// A few rounds: a read whose deadline passed before it was tried leaves the bytes there to be peeked again.
	for range 3 {
		pending, closed := peek(raw)
		if closed {
			return true
		}
		if !pending {
			return false
		}
		if readsClosed(conn) {
			return true
		}
	}
	return false
}

// peek looks at the socket's receive queue without taking from it or waiting.
func peek(raw syscall.RawConn) (pending, closed bool) {
	var b [1]byte
	var n int
	var recvErr error
	// Go's sockets are non-blocking: with nothing queued the call returns EAGAIN rather than wait.
	err := raw.Read(func(fd uintptr) bool {
		for {
			n, _, recvErr = syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK)
			if !errors.Is(recvErr, syscall.EINTR) {
				return true // done: never wait for the socket to become readable
			}
		}
	})
	switch {
	case err != nil:
		return false, true
	case errors.Is(recvErr, syscall.EAGAIN):
		return false, false
	case recvErr != nil:
		return false, true // a reset
	case n == 0:
		return false, true // end of stream
	}
	return true, false
}
