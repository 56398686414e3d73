import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

export type RouteErrorBoundaryProps = { children: ReactNode };
type RouteErrorBoundaryState = { error: Error | null };

/**
 * Keeps one broken page from blanking the whole app. The usual cause is a lazy page chunk that no longer
 * exists after an upgrade while the tab stayed open; reloading fetches the new build.
 * (Error boundaries can only be classes in React 19.)
 */
export class RouteErrorBoundary extends Component<RouteErrorBoundaryProps, RouteErrorBoundaryState> {
  state: RouteErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): RouteErrorBoundaryState {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Lỗi hiển thị trang', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <Result
          status="warning"
          title="Không hiển thị được trang này"
          subTitle="Có thể phần mềm vừa được cập nhật. Vui lòng tải lại trang."
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              Tải lại trang
            </Button>
          }
        />
      );
    }
    return this.props.children;
  }
}
