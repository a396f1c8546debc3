import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A screen's code that could not be downloaded: Vite's message for a failed dynamic import. */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|Loading chunk/i.test(
      error.message,
    )
  );
}

function ScreenFailed({ chunk }: { readonly chunk: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t(chunk ? 'errors.status.network' : 'errors.status.other')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.refresh')}
      </button>
    </div>
  );
}

interface BoundaryState {
  readonly failed: 'no' | 'chunk' | 'other';
}

/**
 * Screens load on first use (a separate chunk each): on a bad network the download can
 * fail, and the app then says so with a reload button instead of going blank. Opening
 * another screen (`resetKey`) tries again.
 */
export class ScreenBoundary extends Component<
  { readonly resetKey: string; readonly children: ReactNode },
  BoundaryState
> {
  override state: BoundaryState = { failed: 'no' };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failed: isChunkLoadError(error) ? 'chunk' : 'other' };
  }

  override componentDidUpdate(previous: { readonly resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.failed !== 'no') {
      this.setState({ failed: 'no' });
    }
  }

  override render(): ReactNode {
    return this.state.failed === 'no' ? (
      this.props.children
    ) : (
      <ScreenFailed chunk={this.state.failed === 'chunk'} />
    );
  }
}
