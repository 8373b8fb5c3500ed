package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// routes declares every route of the server, so that a reader sees the
// whole surface in one place.
func (s *Server) routes() {
	e := s.engine
	e.Use(s.recovery(), s.requestLog(), securityHeaders(s.secure), noStore(), s.crossOrigin(), s.language(), s.authorize())
	e.NoRoute(s.notFound)
	e.NoMethod(s.notFound)

	// Assets, embedded in the binary.
	e.GET("/static/*file", s.serveStatic)
	e.HEAD("/static/*file", s.serveStatic)

	// The employee's path: welcome, code (or start, in link mode; restart
	// when the code's draft was written in another browser), unit,
	// segments, one screen per dimension, a comment per questionnaire,
	// review, submit, thanks. Every step works with plain form posts.
	r := e.Group("/r/:slug", s.bodyLimit(s.maxBody))
	r.GET("", s.respondWelcome)
	r.POST("/code", s.respondCode)
	r.GET("/code", s.redirectToWelcome)
	r.POST("/start", s.respondStart)
	r.GET("/start", s.redirectToWelcome)
	r.GET("/restart", s.respondRestart)
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
	r.GET("/notice", s.respondNotice)
	r.GET("/notice.pdf", s.respondNoticePDF)

	// JSON API. The back office (issue 4) adds its authenticated routes
	// to this group; path parameters must keep the names :id (campaign).
	api := e.Group("/api/v1", s.bodyLimit(s.maxBody))
	api.POST("/campaigns/:id/responses", s.apiSubmitResponse)

	// Probes for a reverse proxy or a process supervisor (health.go):
	// liveness, and readiness, which asks the database.
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	// ---- Back office (issue 4): consultants and viewers. ----
	// Every route below states the access it requires; authorize (authz.go)
	// enforces it in one place, and refuses any route declared without one.
	// The routes above are open to anyone (each answering step checks the
	// employee's own session), declared here as whole trees:
	s.declareTree(public, "/static", "/r/:slug", "/healthz", "/readyz")
	s.declare(public, http.MethodPost, "/api/v1/campaigns/:id/responses")

	s.handle(&e.RouterGroup, public, http.MethodGet, "/", func(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/admin") })
	s.handle(&e.RouterGroup, guest, http.MethodGet, "/login", s.loginForm)
	s.handle(&e.RouterGroup, guest, http.MethodPost, "/login", s.bodyLimit(maxLoginForm), s.login)
	s.handle(&e.RouterGroup, guest, http.MethodPost, "/logout", s.bodyLimit(maxLoginForm), s.logout)

	adm := e.Group("/admin", s.bodyLimit(maxAdminForm))
	s.handle(adm, signedIn, http.MethodGet, "", s.adminCampaigns)
	s.handle(adm, consultant, http.MethodGet, "/audit", s.adminAudit)
	s.handle(adm, consultant, http.MethodGet, "/users", s.adminUsers)
	s.handle(adm, consultant, http.MethodPost, "/users", s.adminUserCreate)
	s.handle(adm, consultant, http.MethodPost, "/users/:uid/password", s.adminUserPassword)
	s.handle(adm, consultant, http.MethodPost, "/users/:uid/grants", s.adminUserGrant)
	s.handle(adm, consultant, http.MethodPost, "/users/:uid/disable", s.adminUserDisable)
	s.handle(adm, consultant, http.MethodPost, "/users/:uid/delete", s.adminUserDelete)
	s.handle(adm, signedIn, http.MethodGet, "/account", s.adminAccount)
	s.handle(adm, signedIn, http.MethodPost, "/account/password", s.bodyLimit(maxLoginForm), s.adminAccountPassword)
	s.handle(adm, consultant, http.MethodGet, "/questionnaires", s.adminQuestionnaires)
	s.handle(adm, consultant, http.MethodPost, "/questionnaires", s.adminQuestionnaireUpload)
	s.handle(adm, consultant, http.MethodGet, "/questionnaires/:qid", s.adminQuestionnairePreview)
	s.handle(adm, consultant, http.MethodPost, "/questionnaires/import", s.adminQuestionnaireImport)
	s.handle(adm, consultant, http.MethodPost, "/questionnaires/yaml", s.adminQuestionnaireYAML)
	s.handle(adm, consultant, http.MethodGet, "/questionnaire-template.xlsx", s.adminQuestionnaireTemplate)
	s.handle(adm, consultant, http.MethodGet, "/portfolio", s.adminPortfolio)
	s.handle(adm, consultant, http.MethodPost, "/portfolio/settings", s.adminPortfolioSettings)
	s.handle(adm, consultant, http.MethodPost, "/portfolio/versions", s.adminPortfolioFreeze)
	s.handle(adm, consultant, http.MethodPost, "/portfolio/campaigns/:id", s.adminPortfolioCampaign)
	s.handle(adm, consultant, http.MethodGet, "/questionnaires/:qid/reference", s.adminReference)
	s.handle(adm, consultant, http.MethodPost, "/questionnaires/:qid/reference", s.adminReferenceUpload)
	s.handle(adm, consultant, http.MethodPost, "/questionnaires/:qid/reference/delete", s.adminReferenceDelete)
	s.handle(adm, consultant, http.MethodGet, "/campaigns/new", s.adminCampaignNew)
	s.handle(adm, consultant, http.MethodPost, "/campaigns", s.adminCampaignSave)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id", s.adminCampaign)
	s.handle(adm, consultant, http.MethodGet, "/campaigns/:id/edit", s.adminCampaignEdit)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/edit", s.adminCampaignSave)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/open", s.adminCampaignOpen)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/close", s.adminCampaignClose)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/questionnaires/move", s.adminQuestionnaireMove)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/archive", s.adminCampaignArchive)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/next-wave", s.adminCampaignNextWave)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/delete", s.adminCampaignDelete)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/codes", s.adminCodes)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/paper", s.adminPaper)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/invitations", s.adminInvitations)
	s.handle(adm, consultant, http.MethodGet, "/campaigns/:id/sendings/:sid", s.adminSending)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/viewers", s.adminViewerGrant)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/viewers/:uid/revoke", s.adminViewerRevoke)
	s.handle(adm, campaignEntry, http.MethodGet, "/campaigns/:id/saisie", s.adminEntry)
	s.handle(adm, campaignEntry, http.MethodPost, "/campaigns/:id/saisie", s.adminEntrySave)
	s.handle(adm, consultant, http.MethodGet, "/campaigns/:id/comments", s.adminComments)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/comments", s.adminCommentsBulk)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/comments/:cid", s.adminCommentModerate)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/results/:qid", s.adminResults)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/report.pdf", s.reportDownload(reportPDF, s.htmlError))
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/report.xlsx", s.reportDownload(reportXLSX, s.htmlError))
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/actions", s.adminActions)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/actions", s.adminActionCreate)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/actions/:aid", s.adminActionSave)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/actions/:aid/delete", s.adminActionDelete)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/duerp", s.adminDUERP)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/duerp.xlsx", s.adminDUERPXLSX)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/duerp.pdf", s.adminDUERPPDF)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/duerp/measures", s.adminDUERPMeasures)
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/duerp/versions", s.adminDUERPFreeze)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/duerp/versions/:version", s.adminDUERPVersionXLSX)
	s.handle(adm, campaignReader, http.MethodGet, "/campaigns/:id/guide.pdf", s.guideDownload(s.htmlError))
	s.handle(adm, consultant, http.MethodPost, "/campaigns/:id/logo", s.adminLogo)
	s.handle(adm, consultant, http.MethodGet, "/campaigns/:id/aipd.pdf", s.gdprDownload(aipdDocument, s.htmlError))
	s.handle(adm, consultant, http.MethodGet, "/campaigns/:id/registre.pdf", s.gdprDownload(registreDocument, s.htmlError))

	// The same, as a JSON API (token or session; docs/api.md).
	s.handle(api, consultant, http.MethodGet, "/questionnaires", s.apiQuestionnaires)
	s.handle(api, consultant, http.MethodPost, "/campaigns", s.apiCampaignCreate)
	s.handle(api, signedIn, http.MethodGet, "/campaigns", s.apiCampaigns)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id", s.apiCampaignGet)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/open", s.apiCampaignOpen)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/close", s.apiCampaignClose)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/archive", s.apiCampaignArchive)
	s.handle(api, consultant, http.MethodDelete, "/campaigns/:id", s.apiCampaignDelete)
	s.handle(api, consultant, http.MethodPatch, "/campaigns/:id", s.apiCampaignAmend)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/next-wave", s.apiCampaignNextWave)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/codes", s.apiCodes)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/paper.pdf", s.apiPaper)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/invitations", s.apiInvitations)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/reminders", s.apiReminders)
	s.handle(api, consultant, http.MethodGet, "/campaigns/:id/sendings/:sid", s.apiSending)
	s.handle(api, campaignEntry, http.MethodPost, "/campaigns/:id/paper-entries", s.apiPaperEntry)
	s.handle(api, campaignEntry, http.MethodPost, "/campaigns/:id/paper-entries/:sheet/resolve", s.apiPaperResolve)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/viewers", s.apiViewerGrant)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/participation", s.apiParticipation)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/results", s.apiResults)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/series", s.apiSeries)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/report.pdf", s.reportDownload(reportPDF, s.jsonError))
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/report.xlsx", s.reportDownload(reportXLSX, s.jsonError))
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/priorities", s.apiPriorities)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/guide.pdf", s.guideDownload(s.jsonError))
	s.handle(api, consultant, http.MethodGet, "/campaigns/:id/comments", s.apiComments)
	s.handle(api, consultant, http.MethodGet, "/campaigns/:id/registre.json", s.apiRegistre)
	s.handle(api, consultant, http.MethodGet, "/campaigns/:id/registre.pdf", s.gdprDownload(registreDocument, s.jsonError))
	s.handle(api, consultant, http.MethodGet, "/campaigns/:id/aipd.pdf", s.gdprDownload(aipdDocument, s.jsonError))
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/comments/:cid", s.apiCommentModerate)
	// After the results (issue 10): the action plan and the DUERP. Viewers
	// of the campaign read them; consultants write.
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/actions", s.apiActions)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/actions", s.apiActionCreate)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/actions/:aid", s.apiActionGet)
	s.handle(api, consultant, http.MethodPatch, "/campaigns/:id/actions/:aid", s.apiActionUpdate)
	s.handle(api, consultant, http.MethodDelete, "/campaigns/:id/actions/:aid", s.apiActionDelete)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/duerp", s.apiDUERP)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/duerp.xlsx", s.apiDUERPXLSX)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/duerp.pdf", s.apiDUERPPDF)
	s.handle(api, consultant, http.MethodPut, "/campaigns/:id/duerp/measures", s.apiDUERPMeasures)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/duerp/versions", s.apiDUERPVersions)
	s.handle(api, consultant, http.MethodPost, "/campaigns/:id/duerp/versions", s.apiDUERPFreeze)
	s.handle(api, campaignReader, http.MethodGet, "/campaigns/:id/duerp/versions/:version", s.apiDUERPVersionXLSX)
}
