import { Edit } from 'react-admin';
import { cleanProgram, ProgramForm } from './ProgramForm';

export const ProgramEdit = () => (
  <Edit mutationMode="pessimistic" transform={cleanProgram} redirect="show">
    <ProgramForm />
  </Edit>
);
