package questionnaires

// secondsPerItem is the time an employee takes, on average, to read and
// answer one item on a short scale.
const secondsPerItem = 8

// EstimatedMinutes is how long answering the questionnaire takes, in whole
// minutes rounded up, shown to employees before they start.
func (q *Questionnaire) EstimatedMinutes() int {
	seconds := len(q.items) * secondsPerItem
	if q.Comment != nil {
		seconds += 60 // the free-text question
	}
	return (seconds + 59) / 60
}
