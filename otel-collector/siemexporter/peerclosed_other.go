//go:build !unix

package siemexporter

import "net"

// closedByPeer: without a non-blocking peek at the socket, a short read is the only look (see readsClosed).
func closedByPeer(conn net.Conn) bool {
	return readsClosed(conn)
}
