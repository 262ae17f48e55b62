import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { analysisApi, ratingKey } from '../../analysis/api';
import type { EvidenceRating, RatingState } from '../../analysis/types';
import { detailsOf } from '../../providers/ledgerApi';
import { messageOf, statusOf } from '../../providers/apiErrors';
import type { Evaluation } from './types';

/** The reviewer's form state and the save: confirm the suggestion, or override it with a reason. */
export const useRatingDecision = (evaluation: Evaluation, state: RatingState) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [overriding, setOverriding] = useState(false);
  const [rating, setRating] = useState<EvidenceRating>(state.suggested);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = rating !== state.suggested;
  const alreadyConfirmed = state.confirmed === state.suggested && !state.override;

  const save = async (chosen: EvidenceRating, why: string) => {
    if (chosen !== state.suggested && !why.trim()) {
      setReasonError(translate('ledger.ratingPanel.reasonRequired'));
      return;
    }
    setBusy(true);
    setFailure(null);
    setReasonError(null);
    try {
      await analysisApi.setRating(evaluation.id, { rating: chosen, reason: why, version: state.version });
      notify(chosen === state.suggested ? 'ledger.ratingPanel.savedConfirm' : 'ledger.ratingPanel.savedOverride', {
        type: 'success',
      });
      setOverriding(false);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ratingKey(evaluation.id) });
    } catch (error) {
      const status = statusOf(error);
      const fieldMessage = detailsOf(error).find((d) => d.field === 'reason')?.message;
      if (fieldMessage) setReasonError(fieldMessage);
      const message = translate(messageOf(error), { _: messageOf(error) });
      setFailure(
        status === 403 || status === 404 ? `${translate('ledger.ratingPanel.notAllowed')} ${message}` : message,
      );
      if (status === 409) await queryClient.invalidateQueries({ queryKey: ratingKey(evaluation.id) });
    } finally {
      setBusy(false);
    }
  };

  return {
    overriding,
    setOverriding,
    rating,
    setRating,
    reason,
    setReason,
    reasonError,
    setReasonError,
    failure,
    setFailure,
    busy,
    needsReason,
    alreadyConfirmed,
    save,
  };
};
