// PLACEHOLDER (issue 6 in progress): replaced by the Branding screen.
export function BrandingScreen() {
  return <h2>Branding</h2>;
}
