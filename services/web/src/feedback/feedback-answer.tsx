import { useTranslation } from 'react-i18next';
import { formatDateTime, type Language } from '../format/format';
import type { FeedbackItem } from './feedback';

/** An agency's answer to a feedback item: who answered, when, and what. */
export function FeedbackAnswer({
  answer,
  language,
}: {
  readonly answer: NonNullable<FeedbackItem['answer']>;
  readonly language: Language;
}) {
  const { t } = useTranslation();
  return (
    <div className="feedback-answer">
      <p className="muted">
        {t('feedback.list.answeredBy', {
          name: answer.by,
          at: formatDateTime(answer.at, language),
        })}
      </p>
      <blockquote>{answer.text}</blockquote>
    </div>
  );
}
