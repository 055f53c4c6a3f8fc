// The portal's frame: a header with the organization's mark and name (and sign-out once signed in), the page,
// a footer. Skip link first, so keyboard and screen-reader users reach the content in one step.
import type { ReactNode } from 'react';

export function Shell({
  brand,
  actions,
  footer,
  children,
}: {
  brand: ReactNode;
  actions?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="brand">{brand}</div>
        {actions ? <div className="shell-actions">{actions}</div> : null}
      </header>
      <main className="shell-main" id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="shell-footer">{footer ?? <p>Secure customer portal</p>}</footer>
    </div>
  );
}

export function BrandMark({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  if (logoUrl) return <img className="brand-logo" src={logoUrl} alt="" width={32} height={32} />;
  return (
    <span className="brand-mark" aria-hidden="true">
      {name.trim().charAt(0).toUpperCase()}
    </span>
  );
}
