// The Admin area's frame: a list of the settings sections beside the current one.
import { Link, Outlet } from '@tanstack/react-router';

export const adminSections = [
  { to: '/admin/branding', label: 'Branding' },
  { to: '/admin/labels', label: 'Portal wording' },
  { to: '/admin/notifications', label: 'Notifications' },
  { to: '/admin/policies', label: 'Portal policies' },
  { to: '/admin/fields', label: 'Custom fields' },
  { to: '/admin/staff', label: 'Staff' },
  { to: '/admin/audit', label: 'Audit log' },
] as const;

export function AdminLayout() {
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Admin settings">
        <h1 className="admin-nav-title">Admin</h1>
        <ul>
          {adminSections.map((section) => (
            <li key={section.to}>
              <Link to={section.to} className="admin-nav-link" activeProps={{ 'aria-current': 'page' }}>
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}
