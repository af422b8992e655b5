import { useLocation } from 'preact-iso';

const links = [
  { href: '/', label: 'Journal' },
  { href: '/runs', label: 'Runs' },
  { href: '/insights', label: 'Insights' },
  { href: '/values', label: 'Values' },
  { href: '/experiments', label: 'Experiments' },
  { href: '/settings', label: 'Settings' },
];

/** The app's places: a bar along the bottom on a phone, along the top on a wider screen. */
export function Nav() {
  const { path } = useLocation();
  const current = (href: string) => (href === '/' ? path === '/' || path.startsWith('/entry') : path.startsWith(href));
  return (
    <nav class="nav" aria-label="Main">
      <a class="brand" href="/">
        Cairn
      </a>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} aria-current={current(link.href) ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
