// Swagger UI over the generated API document. Same-origin calls carry the admin session cookie;
// scripts' API tokens go in "Authorize" (bearer).
const ui = window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  withCredentials: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
window.ui = ui;
