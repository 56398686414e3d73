import { buildHref, Link } from '@web/app/router';
import { Flex } from 'antd';
import { useDirectiveList } from '../directives.queries';

export type DirectiveKeyLinksProps = {
  /** Directive keys as the import result names them ("71/NQ-CP"). */
  keys: string[];
};

/**
 * Links to directives known by key. The import result carries keys, not ids; the directive list maps them,
 * and a key it does not know yet falls back to a search on the list page.
 */
export function DirectiveKeyLinks({ keys }: DirectiveKeyLinksProps) {
  const { data } = useDirectiveList();
  return (
    <Flex gap={12} wrap>
      {keys.map((key) => {
        const directive = data?.find((d) => d.stableKey === key || d.number === key);
        const to = directive ? `/directives/${encodeURIComponent(directive.id)}` : buildHref('/directives', { q: key });
        return (
          <Link key={key} to={to} data-testid="import-directive-link">
            {directive?.number ?? key}
          </Link>
        );
      })}
    </Flex>
  );
}
