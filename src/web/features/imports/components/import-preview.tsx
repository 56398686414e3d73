import { DIRECTIVE_KIND_LABELS } from '@shared/contracts/directives';
import type { ImportResult } from '@shared/contracts/imports';
import { formatIsoDate } from '@shared/lib/vn-format';
import { DirectiveStatusTag } from '@web/features/directives/components/directive-status-tag';
import { Table, Tabs } from 'antd';
import { ImportListCollapse } from './import-list-collapse';
import { ImportProblemTable } from './import-problem-table';
import { ImportSummary } from './import-summary';

export type ImportPreviewProps = { result: ImportResult };

type DirectiveRow = ImportResult['directives'][number];

/** What an import found (dry run) or did (applied): counts, the lists with their tasks, and every problem. */
export function ImportPreview({ result }: ImportPreviewProps) {
  const problemCount = result.problems.length;
  return (
    <div data-testid="import-preview">
      <ImportSummary result={result} />
      <Tabs
        style={{ marginTop: 8 }}
        destroyOnHidden
        defaultActiveKey={result.summary.errors > 0 ? 'problems' : 'lists'}
        items={[
          {
            key: 'lists',
            label: `Danh mục (${result.lists.length})`,
            children: <ImportListCollapse lists={result.lists} />,
          },
          {
            key: 'problems',
            label: `Lỗi và cảnh báo (${problemCount})`,
            children: <ImportProblemTable problems={result.problems} />,
          },
          {
            key: 'directives',
            label: `Văn bản (${result.directives.length})`,
            children: (
              <Table<DirectiveRow>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={result.directives}
                columns={[
                  { title: 'Số, ký hiệu', dataIndex: 'key', width: 160 },
                  {
                    title: 'Loại',
                    dataIndex: 'kind',
                    width: 140,
                    render: (kind: DirectiveRow['kind']) => DIRECTIVE_KIND_LABELS[kind],
                  },
                  {
                    title: 'Ngày',
                    dataIndex: 'issuedOn',
                    width: 100,
                    render: (date: string | null) => formatIsoDate(date) || '—',
                  },
                  { title: 'Trích yếu', dataIndex: 'title' },
                  { title: 'Mục', key: 'sections', width: 70, render: (_: unknown, d) => d.sections.length },
                  {
                    title: 'Trạng thái',
                    dataIndex: 'status',
                    width: 150,
                    render: (status: DirectiveRow['status']) => <DirectiveStatusTag status={status} />,
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
