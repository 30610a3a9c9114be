// Package suggest finds the known word closest to a mistyped one, for
// "did you mean" hints in error messages. It imports nothing of this
// module, so any package may use it.
package suggest

// Closest returns the candidate nearest to word by edit distance, or ""
// when none is within maxDistance edits. Ties go to the earliest candidate.
func Closest(word string, candidates []string, maxDistance int) string {
	best, bestDist := "", maxDistance+1
	for _, c := range candidates {
		if d := Distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// maxLen caps the inputs Distance compares, so a hostile string cannot cost
// quadratic time; longer inputs are as far apart as can be.
const maxLen = 64

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	if len(a) > maxLen || len(b) > maxLen {
		return maxLen
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
