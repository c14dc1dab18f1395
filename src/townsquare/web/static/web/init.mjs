// Start GOV.UK Frontend's components. The base template loads govuk-frontend.min.js as a module
// with id="govuk-frontend"; importing that same URL reuses the loaded module (so this works with
// the hashed file names collectstatic gives it) and keeps scripts out of the page for a strict CSP.
const script = document.getElementById("govuk-frontend");

if (script) {
  import(script.src).then(({ initAll }) => initAll());
}
