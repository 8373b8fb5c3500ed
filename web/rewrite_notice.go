package web

import (
	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/store"
)

// rewriteNotice is what the back office's campaign pages tell a
// consultant about the rewrite of the database file (store.Compaction):
// pending after an archive or a deletion whose rewrite has not finished,
// failing (a full disk, most often). The erasure itself is done either
// way; the notice says what is left.
type rewriteNotice struct {
	Pending  bool // an erasure's rewrite has not finished
	Failures int  // rewrites failed in a row
	Full     bool // the last one failed on a full disk
}

// rewriteNoticeOf returns the notice for the signed-in account: nil for
// a viewer, and when there is nothing to tell.
func (s *Server) rewriteNoticeOf(c *gin.Context) *rewriteNotice {
	if !nav(c).Consultant {
		return nil
	}
	st := s.store.Compaction()
	if !st.ErasurePending && st.Failures == 0 {
		return nil
	}
	return &rewriteNotice{Pending: st.ErasurePending, Failures: st.Failures, Full: store.Outage(st.Err) == store.ErrFull}
}
