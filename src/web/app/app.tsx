import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';

export function App() {
  return (
    <ConfigProvider locale={viVN}>
      <h1>Tiến Độ</h1>
    </ConfigProvider>
  );
}
