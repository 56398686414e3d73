import type { SectionNode } from '@shared/contracts/directives';
import { Tree, type TreeDataNode, Typography } from 'antd';

/** Key of the root node that stands for "the whole document". */
export const WHOLE_DOCUMENT_KEY = '__all__';

export type SectionTreeProps = {
  sections: SectionNode[];
  totalTasks: number;
  selectedSectionId: string | undefined;
  onSelect: (sectionId: string | undefined) => void;
};

function toTreeNode(section: SectionNode): TreeDataNode {
  const label = section.label ? `${section.label} ` : '';
  return {
    key: section.id,
    title: (
      <span>
        {label}
        {section.title} <Typography.Text type="secondary">({section.taskCount})</Typography.Text>
      </span>
    ),
    children: section.children.map(toTreeNode),
  };
}

export function SectionTree({ sections, totalTasks, selectedSectionId, onSelect }: SectionTreeProps) {
  const treeData: TreeDataNode[] = [
    {
      key: WHOLE_DOCUMENT_KEY,
      title: (
        <span>
          Toàn bộ văn bản <Typography.Text type="secondary">({totalTasks})</Typography.Text>
        </span>
      ),
      children: sections.map(toTreeNode),
    },
  ];
  return (
    <Tree
      data-testid="section-tree"
      blockNode
      defaultExpandAll
      treeData={treeData}
      selectedKeys={[selectedSectionId ?? WHOLE_DOCUMENT_KEY]}
      onSelect={(keys) => {
        const key = keys[0];
        onSelect(key === undefined || key === WHOLE_DOCUMENT_KEY ? undefined : String(key));
      }}
    />
  );
}
