package otlpjsonerrors

// Config has no settings: the middleware is configured by naming it in the receiver's
// protocols.http.middlewares.
type Config struct{}
