package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// routes declares every route of the server, so that a reader sees the
// whole surface in one place.
func (s *Server) routes() {
	e := s.engine
	e.Use(s.recovery(), s.requestLog(), securityHeaders(s.secure), s.crossOrigin(), s.language())
	e.NoRoute(s.notFound)
	e.NoMethod(s.notFound)

	// Assets, embedded in the binary.
	e.GET("/static/*file", s.serveStatic)
	e.HEAD("/static/*file", s.serveStatic)

	// The employee's path: welcome, code (or start, in link mode), unit,
	// segments, one screen per dimension, a comment per questionnaire,
	// review, submit, thanks. Every step works with plain form posts.
	r := e.Group("/r/:slug", s.bodyLimit(s.maxBody))
	r.GET("", s.respondWelcome)
	r.POST("/code", s.respondCode)
	r.GET("/code", s.redirectToWelcome)
	r.POST("/start", s.respondStart)
	r.GET("/start", s.redirectToWelcome)
	r.GET("/unit", s.respondUnit)
	r.POST("/unit", s.respondUnitSave)
	r.GET("/segments", s.respondSegments)
	r.POST("/segments", s.respondSegmentsSave)
	r.GET("/q/:qid/:dim", s.respondItems)
	r.POST("/q/:qid/:dim", s.respondItemsSave)
	r.GET("/comment/:qid", s.respondComment)
	r.POST("/comment/:qid", s.respondCommentSave)
	r.GET("/review", s.respondReview)
	r.POST("/submit", s.respondSubmit)
	r.GET("/submit", s.redirectToWelcome)
	r.GET("/thanks", s.respondThanks)

	// JSON API. The back office (issue 4) adds its authenticated routes
	// to this group; path parameters must keep the names :id (campaign).
	api := e.Group("/api/v1", s.bodyLimit(s.maxBody))
	api.POST("/campaigns/:id/responses", s.apiSubmitResponse)

	// Probes for a reverse proxy or a process supervisor.
	e.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
}
