import { sessionHasRole, useSession } from '@web/features/auth/auth.queries';
import { UserMenu } from '@web/features/auth/components/user-menu';
import { Layout, Menu, Typography } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { NAV_GROUPS, NAV_ITEMS } from './nav-items';
import { Link, navigate, useLocation } from './router';

const HEADER_HEIGHT = 48;
const SIDER_WIDTH = 200;

export type AppLayoutProps = { children: ReactNode };

/** Top bar + left menu; the content area scrolls on its own so the menu stays put on a 768 px screen. */
export function AppLayout({ children }: AppLayoutProps) {
  const { pathname } = useLocation();
  const contentRef = useRef<HTMLElement>(null);
  const { data: session } = useSession();
  const items = NAV_ITEMS.filter((item) => !item.roles || sessionHasRole(session, ...item.roles));
  const selected = items.find((item) => item.matches(pathname));

  // A new page starts at its top; query-string changes (filters, paging) keep the scroll position.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not a value used inside.
  useEffect(() => {
    contentRef.current?.scrollTo({ top: 0 });
  }, [pathname]);

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header
        style={{
          height: HEADER_HEIGHT,
          lineHeight: `${HEADER_HEIGHT}px`,
          paddingInline: 20,
          display: 'flex',
          alignItems: 'center',
          gap: 16,
        }}
      >
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }} data-testid="app-title">
          Tiến Độ
        </Link>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.65)' }}>
          Theo dõi, đánh giá tiến độ thực hiện nhiệm vụ
        </Typography.Text>
        <div style={{ marginLeft: 'auto' }}>
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={SIDER_WIDTH}
          theme="light"
          breakpoint="lg"
          collapsible
          collapsedWidth={56}
          style={{ borderRight: '1px solid #f0f0f0', overflowY: 'auto' }}
        >
          <Menu
            data-testid="app-menu"
            mode="inline"
            selectedKeys={selected ? [selected.key] : []}
            style={{ borderInlineEnd: 'none' }}
            items={NAV_GROUPS.map((group) => ({
              type: 'group' as const,
              key: group,
              label: group,
              children: items
                .filter((item) => item.group === group)
                .map((item) => ({
                  key: item.key,
                  icon: item.icon,
                  label: (
                    <a href={item.path} data-testid={`nav-${item.key}`}>
                      {item.label}
                    </a>
                  ),
                })),
            })).filter((group) => group.children.length > 0)}
            onClick={({ key, domEvent }) => {
              const item = items.find((i) => i.key === key);
              const event = domEvent as React.MouseEvent;
              if (item && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
                domEvent.preventDefault();
                navigate(item.path);
              }
            }}
          />
        </Layout.Sider>
        <Layout.Content ref={contentRef} style={{ overflow: 'auto', padding: '16px 20px' }}>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
