import { errorMessage } from '@web/api/client';
import { Alert, Button } from 'antd';

export type QueryErrorAlertProps = {
  error: unknown;
  onRetry?: () => void;
};

/** Shows the server's (Vietnamese) message for a failed query, with a retry button. */
export function QueryErrorAlert({ error, onRetry }: QueryErrorAlertProps) {
  return (
    <Alert
      type="error"
      showIcon
      title="Không tải được dữ liệu"
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            Thử lại
          </Button>
        ) : null
      }
      style={{ marginBottom: 16 }}
    />
  );
}
