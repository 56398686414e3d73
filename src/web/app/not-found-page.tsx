import { Button, Result } from 'antd';
import { navigate } from './router';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Đường dẫn không đúng hoặc trang đã được chuyển đi."
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          Về trang Tổng quan
        </Button>
      }
    />
  );
}
