package web

// Unexported parsers of the back office, for the black-box fuzz tests.
var (
	ParseUnitsText = func(text string) (int, []int) {
		units, problems := parseUnitsText(text)
		return len(units), problemLines(problems)
	}
	ParseUnitsFile = func(data []byte) (int, []int) {
		units, problems := parseUnitsFile("f", data)
		return len(units), problemLines(problems)
	}
)

func problemLines(ps []unitsProblem) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.Line)
	}
	return out
}
