package securityprocessor

import "time"

// periodic runs a function every interval on a goroutine of its own until stopped; the
// processor's timers (checkpoints, silence checks) are periodics.
type periodic struct {
	stop chan struct{}
	done chan struct{}
}

func startPeriodic(interval time.Duration, run func()) *periodic {
	t := &periodic{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(t.done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				run()
			case <-t.stop:
				return
			}
		}
	}()
	return t
}

// halt stops the goroutine and waits for a running call; a nil periodic is a no-op. Call it
// without holding the lock the function takes.
func (t *periodic) halt() {
	if t != nil {
		close(t.stop)
		<-t.done
	}
}
