package detection

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestKeyTableMatchesModel drives the table with random inserts, lookups, touches and removes
// and checks it against a plain map plus an explicit recency list.
func TestKeyTableMatchesModel(t *testing.T) {
	const maxKeys = 64
	table := newKeyTable(maxKeys, int64(time.Minute))
	present := map[uint64]bool{}
	var recency []uint64 // most recent last
	moveToEnd := func(k uint64) {
		for i, v := range recency {
			if v == k {
				recency = append(recency[:i], recency[i+1:]...)
				break
			}
		}
		recency = append(recency, k)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for step := 0; step < 20000; step++ {
		k := uint64(rng.IntN(200)) + 1 // collisions in the index are frequent at this range
		s := table.find(k)
		require.Equal(t, present[k], s != none, "step %d key %d", step, k)
		switch {
		case s == none:
			if table.full() {
				require.Equal(t, maxKeys, len(present), "step %d", step)
				require.Equal(t, recency[0], table.slots[table.tail].key)
				table.remove(table.tail)
				delete(present, recency[0])
				recency = recency[1:]
			}
			table.insert(k)
			present[k] = true
			moveToEnd(k)
		case rng.IntN(3) == 0:
			table.remove(s)
			delete(present, k)
			for i, v := range recency {
				if v == k {
					recency = append(recency[:i], recency[i+1:]...)
					break
				}
			}
		default:
			table.touch(s)
			moveToEnd(k)
		}
		require.Equal(t, len(present), table.count)
	}
	// The LRU list, walked from the tail, is the model's recency order.
	var walked []uint64
	for s := table.tail; s != none; s = table.slots[s].prev {
		walked = append(walked, table.slots[s].key)
	}
	require.Equal(t, recency, walked)
}

// With equal ranks the victim is the least recently used key.
func TestKeyTableSlotsNeverExceedMaxKeys(t *testing.T) {
	table := newKeyTable(100, int64(time.Minute))
	for k := uint64(1); k <= 1000; k++ {
		if table.full() {
			table.remove(table.victim(func(*slot) int { return 0 }))
		}
		table.insert(k)
	}
	require.Equal(t, 100, table.count)
	require.LessOrEqual(t, cap(table.slots), 100)
	for k := uint64(901); k <= 1000; k++ {
		require.NotEqual(t, int32(none), table.find(k), "recent key %d evicted", k)
	}
	require.Equal(t, int32(none), table.find(900))
}
