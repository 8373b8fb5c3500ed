package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

//go:embed static
var staticFS embed.FS

// staticFiles are the embedded assets with a content hash each, so that
// URLs change when a file does and browsers may cache them for a year.
type staticFiles struct {
	files map[string][]byte // name -> content
	hash  map[string]string // name -> short hash of content
}

// loadStatic reads the embedded assets.
func loadStatic() (*staticFiles, error) {
	st := &staticFiles{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(data)
		st.files[name] = data
		st.hash[name] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: load static files: %w", err)
	}
	return st, nil
}

// url returns the URL of an asset with its hash as version, for templates.
func (st *staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + st.hash[name]
}

// serveStatic serves an embedded asset with long cache headers.
func (s *Server) serveStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	data, ok := s.static.files[name]
	if !ok {
		s.notFound(c)
		return
	}
	etag := `"` + s.static.hash[name] + `"`
	h := c.Writer.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	c.Data(http.StatusOK, ctype, data)
}
