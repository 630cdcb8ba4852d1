package integrity

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.opentelemetry.io/collector/pdata/plog"
)

// Source is one file of the output (or of the digests); several are read in rotation order,
// oldest first.
type Source struct {
	Name string
	R    io.Reader
}

// maxLine bounds the bytes held for one line, so that memory does not follow the input: the
// collector writes one batch per line, far below it.
const maxLine = 256 << 20

// line is one line of the sources, without its end-of-line.
type line struct {
	file     string
	num      int
	bytes    []byte
	complete bool // ended by '\n'
	tooLong  bool // longer than maxLine; bytes holds its start
}

func (l line) position() string { return fmt.Sprintf("%s line %d", l.file, l.num) }

// eachLine reads the sources as one byte stream: a line that the end of a file cuts continues in
// the next file (the file exporter writes a payload and its end-of-line in two writes, and
// rotation may fall between them).
func eachLine(sources []Source, fn func(line)) error {
	var cur line
	started := false
	for _, src := range sources {
		br := bufio.NewReaderSize(src.R, 64<<10)
		num := 0
		for {
			chunk, err := br.ReadSlice('\n')
			switch {
			case len(chunk) == 0:
			case !started:
				num++
				cur, started = line{file: src.Name, num: num, bytes: cur.bytes[:0]}, true
			case num == 0:
				num = 1 // a line carried from the previous file ends in this file's line 1
			}
			body := bytes.TrimSuffix(chunk, []byte{'\n'})
			if len(cur.bytes)+len(body) > maxLine {
				cur.tooLong = true
			} else {
				cur.bytes = append(cur.bytes, body...)
			}
			switch {
			case err == nil:
				cur.complete = true
				fn(cur)
				started = false
			case errors.Is(err, bufio.ErrBufferFull):
			case errors.Is(err, io.EOF):
				goto nextSource
			default:
				return fmt.Errorf("%s: %w", src.Name, err)
			}
		}
	nextSource:
	}
	if started {
		fn(cur)
	}
	return nil
}

// ReadOutput feeds every record of the file exporter's output (OTLP JSON, one payload per line)
// to v, and reports every line that is not exactly one payload of chained records as the
// exporter writes it: such bytes are invisible to the chain but not to other readers.
func ReadOutput(sources []Source, v *Verifier) error {
	var unmarshaler plog.JSONUnmarshaler
	var marshaler plog.JSONMarshaler
	first := true
	return eachLine(sources, func(l line) {
		pos := l.position()
		atStart := first
		first = false
		switch {
		case atStart && l.complete && len(l.bytes) == 0:
			// Rotation fell between a payload and its end-of-line, and retention deleted the
			// file holding the payload: the kept set starts with that end-of-line.
			v.note("%s is empty: the end-of-line of a payload in an older file that is not in the set", pos)
			return
		case l.tooLong:
			v.NotARecord(pos, fmt.Sprintf("a line longer than %d bytes, skipped: the collector writes no such line", maxLine))
			return
		case !l.complete:
			v.NotARecord(pos, "the output ends inside this line (cut, or a write in progress)")
		case len(l.bytes) == 0:
			v.NotARecord(pos, "an empty line")
			return
		}
		ld, err := unmarshaler.UnmarshalLogs(l.bytes)
		if err != nil {
			if l.complete {
				v.NotARecord(pos, "not OTLP JSON logs: "+shorten(err.Error()))
			}
			return
		}
		if again, err := marshaler.MarshalLogs(ld); err != nil || !bytes.Equal(again, l.bytes) {
			v.NotARecord(pos, "holds bytes outside its OTLP JSON payload (a second JSON value, or text the file exporter does not write); the records read from it are checked")
		}
		if ld.LogRecordCount() == 0 {
			v.NotARecord(pos, "holds no log record")
		}
		for _, e := range Entries(ld, l.num) {
			e.Position = l.file + " " + e.Position
			v.Add(e)
		}
	})
}

func shorten(s string) string {
	if len(s) > 160 {
		return s[:160] + "..."
	}
	return s
}
