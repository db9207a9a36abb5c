module example.com/demo/worker

go 1.21.0

require (
	github.com/gin-gonic/gin v1.7.0
	golang.org/x/net v0.7.0
)

require (
	github.com/gin-contrib/sse v0.1.0 // indirect
	github.com/go-playground/validator/v10 v10.4.1 // indirect
	golang.org/x/sys v0.5.0 // indirect
	golang.org/x/text v0.7.0 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
