import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { type CSSProperties, useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 350;

export type SearchInputProps = {
  /** The committed search text (usually from the URL). */
  value: string;
  /** Called after typing pauses, on Enter and on clear, with the trimmed text. */
  onSearch: (text: string) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
};

/** A search box that commits while the user types, without a request per keystroke. */
export function SearchInput({ value, onSearch, placeholder, style, testId }: SearchInputProps) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The committed value can change from outside (Back, "Xóa lọc"); the box must follow it.
  useEffect(() => {
    setText(value);
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (next: string) => {
    clearTimeout(timer.current);
    if (next.trim() !== value) {
      onSearch(next.trim());
    }
  };
  const handleChange = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(next), DEBOUNCE_MS);
  };

  return (
    <Input
      data-testid={testId}
      allowClear
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />}
      placeholder={placeholder}
      value={text}
      onChange={(event) => handleChange(event.target.value)}
      onPressEnter={() => commit(text)}
      style={style}
    />
  );
}
