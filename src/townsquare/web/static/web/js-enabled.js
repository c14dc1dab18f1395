// Tell GOV.UK Frontend's styles that JavaScript is running (and whether its components can
// start). Loaded at the very start of <body>, from a file rather than inline, for a strict CSP.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
